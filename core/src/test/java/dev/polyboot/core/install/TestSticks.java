package dev.polyboot.core.install;

import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.layout.InstallRequest;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.layout.StickLayoutPlanner;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Installs polyboot onto sparse image files with a fixed seed and clock, for the tests. */
public final class TestSticks {
    private TestSticks() {}

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static Payload payload;

    public static synchronized Payload payload() {
        if (payload == null) {
            try {
                payload = Payload.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return payload;
    }

    public static StickLayout plan(long bytes, PartitionStyle style, long seed) throws Exception {
        return StickLayoutPlanner.plan(InstallRequest.of(bytes, new SplittableRandom(seed)).withStyle(style));
    }

    public static StickLayout install(Path image, long bytes, PartitionStyle style, long seed) throws Exception {
        return install(image, bytes, style, seed, MenuOptions.defaults("0.1.0-test"));
    }

    public static StickLayout install(Path image, long bytes, PartitionStyle style, long seed, MenuOptions menu)
            throws Exception {
        StickLayout layout = plan(bytes, style, seed);
        try (FileBlockDevice dev = FileBlockDevice.createSparse(image, bytes)) {
            new StickInstaller(CLOCK).apply(layout, dev, payload(), menu, ProgressListener.NONE);
        }
        return layout;
    }

    /** SHA-256 of a byte range of a file. */
    public static String sha256(Path file, long offset, long length) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                int n = ch.read(buf, pos);
                if (n <= 0) throw new IOException("short read at " + pos);
                md.update(buf.flip());
                pos += n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(Path file) throws Exception {
        return sha256(file, 0, java.nio.file.Files.size(file));
    }

    public static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] b = new byte[1 << 16];
        int n;
        while ((n = in.read(b)) > 0) md.update(b, 0, n);
        return HexFormat.of().formatHex(md.digest());
    }
}
