package dev.polyboot.core.install;

import dev.polyboot.formats.fs.Volume;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small reads and hashes of files on a volume, with a size cap (a stick is hostile input). */
final class EspFiles {
    private EspFiles() {}

    static byte[] readSmall(Volume v, String path, int max) throws IOException {
        try (SeekableByteChannel ch = v.open(path)) {
            if (ch.size() > max) throw new IOException(path + " is larger than " + max + " bytes");
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) ch.size());
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buf.clear()) > 0) out.write(buf.array(), 0, buf.position());
            return out.toByteArray();
        }
    }

    static String sha256(Volume v, String path) throws IOException {
        MessageDigest md = sha256();
        try (SeekableByteChannel ch = v.open(path)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf.clear()) > 0) md.update(buf.flip());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] b) {
        return HexFormat.of().formatHex(sha256().digest(b));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
