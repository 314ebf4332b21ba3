package dev.polyboot.core.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the initramfs helper checks before it maps a persistence file read-write (payload/src/helper/README.md,
 * "Persistence"): SHA-256 of the file's first 1024 bytes (polyboot's {@link PersistenceHeader} with its random id;
 * ext4 never writes before its superblock), the ext4 UUID (16 bytes at 1024 + 104) and the file's length as u64 little
 * endian. None of these change while the live system uses the file, and a file replaced by another of the same size
 * (other id, other UUID) never matches.
 */
public final class PersistenceFingerprint {
    static final int EXT4_UUID_OFFSET = 1024 + 104;

    private PersistenceFingerprint() {}

    public static String of(byte[] first1024, byte[] ext4Uuid, long length) {
        if (first1024.length != 1024 || ext4Uuid.length != 16) throw new IllegalArgumentException("need 1024 + 16 bytes");
        MessageDigest md = sha256();
        md.update(first1024);
        md.update(ext4Uuid);
        md.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array());
        return HexFormat.of().formatHex(md.digest());
    }

    /** The fingerprint of a persistence file read through {@code file} (its size is the length). */
    public static String of(SeekableByteChannel file) throws IOException {
        return of(read(file, 0, 1024), read(file, EXT4_UUID_OFFSET, 16), file.size());
    }

    static byte[] read(SeekableByteChannel file, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        file.position(at);
        while (b.hasRemaining()) {
            if (file.read(b) < 0) throw new IOException("persistence file shorter than " + (at + n) + " bytes");
        }
        return b.array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
