package dev.polyboot.formats.iso;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ECMA-119 7.2.3 / 7.3.3 "both-byte orders" fields: the little-endian value followed by the same value big-endian.
 * The little-endian half is authoritative (as in Linux isofs and libisofs, since some mastering tools wrote bad
 * big-endian halves); a disagreement is reported to the caller's {@link Findings}, not thrown.
 */
final class BothEndian {
    private BothEndian() {}

    /** 16-bit both-endian field (4 bytes) at {@code index}; the buffer may have either byte order. */
    static int u16(ByteBuffer b, int index, String where, Findings findings) {
        int le = Byte.toUnsignedInt(b.get(index)) | Byte.toUnsignedInt(b.get(index + 1)) << 8;
        int be = Byte.toUnsignedInt(b.get(index + 2)) << 8 | Byte.toUnsignedInt(b.get(index + 3));
        if (le != be && findings != null) {
            findings.warn(where + ": both-endian halves differ (little-endian " + le + ", big-endian " + be
                    + "); using little-endian");
        }
        return le;
    }

    /** 32-bit both-endian field (8 bytes) at {@code index}, widened. */
    static long u32(ByteBuffer b, int index, String where, Findings findings) {
        long le = Integer.toUnsignedLong(b.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(index));
        long be = Integer.toUnsignedLong(b.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(index + 4));
        if (le != be && findings != null) {
            findings.warn(where + ": both-endian halves differ (little-endian " + le + ", big-endian " + be
                    + "); using little-endian");
        }
        return le;
    }

    static void putU16(ByteBuffer b, int index, int value) {
        if (value < 0 || value > 0xFFFF) throw new IllegalArgumentException("u16 out of range: " + value);
        b.put(index, (byte) value).put(index + 1, (byte) (value >>> 8));
        b.put(index + 2, (byte) (value >>> 8)).put(index + 3, (byte) value);
    }

    static void putU32(ByteBuffer b, int index, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException("u32 out of range: " + value);
        b.duplicate().order(ByteOrder.LITTLE_ENDIAN).putInt(index, (int) value);
        b.duplicate().order(ByteOrder.BIG_ENDIAN).putInt(index + 4, (int) value);
    }
}
