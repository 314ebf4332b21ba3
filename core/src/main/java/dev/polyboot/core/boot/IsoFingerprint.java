package dev.polyboot.core.boot;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint the initramfs helper checks through the device it made before handing it to the distribution
 * (payload/src/helper/README.md, "Fingerprint"): SHA-256 over the primary volume descriptor (2048 bytes at 32 KiB)
 * and eight 4 KiB samples spread evenly from the start to the end of the image, the last one ending at most at
 * the end. Reading 34 KiB costs nothing at boot, yet a file replaced by another ISO, truncated, or mapped at
 * the wrong place differs in at least the descriptor or one sample.
 */
public final class IsoFingerprint {
    public static final long PVD_OFFSET = 32768;
    public static final int PVD_BYTES = 2048;
    public static final int SAMPLES = 8;
    public static final int SAMPLE_BYTES = 4096;
    /** Smallest image the helper accepts (README): the system area, the descriptor and a sample after it. */
    public static final long MIN_LENGTH = PVD_OFFSET + SAMPLE_BYTES;

    private IsoFingerprint() {}

    /** Offset of sample {@code i}: floor(((L - 4096) * i / 7) / 2048) * 2048. */
    static long sampleOffset(long length, int i) {
        long span = Math.multiplyExact(length - SAMPLE_BYTES, (long) i) / (SAMPLES - 1);
        return span / 2048 * 2048;
    }

    /** @param image the whole image (its {@code size()} is the length L) */
    public static String of(BlockDevice image) throws IOException {
        long length = image.size();
        if (length < MIN_LENGTH) throw new IllegalArgumentException("an image of " + length + " bytes is too small to fingerprint");
        MessageDigest md = sha256();
        md.update(image.read(PVD_OFFSET, PVD_BYTES));
        for (int i = 0; i < SAMPLES; i++) md.update(image.read(sampleOffset(length, i), SAMPLE_BYTES));
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
