package dev.polyboot.formats.iso;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** The committed seed ISOs (see resources .../iso/seeds/README.md). */
final class IsoSeeds {
    static final int SYSTEM_AREA = 32 * 1024;
    static final String[] NAMES = {"rr-joliet.iso.gz", "plain.iso.gz", "eltorito.iso.gz"};

    private IsoSeeds() {}

    static byte[] load(String name) {
        try (InputStream in = IsoSeeds.class.getResourceAsStream("seeds/" + name)) {
            if (in == null) throw new IllegalStateException("missing seed " + name);
            try (InputStream gz = new GZIPInputStream(in)) {
                return gz.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image without its (all-zero) system area: what the fuzz target takes. */
    static byte[] withoutSystemArea(byte[] iso) {
        return java.util.Arrays.copyOfRange(iso, SYSTEM_AREA, iso.length);
    }

    static byte[] withSystemArea(byte[] tail) {
        byte[] out = new byte[SYSTEM_AREA + tail.length];
        System.arraycopy(tail, 0, out, SYSTEM_AREA, tail.length);
        return out;
    }
}
