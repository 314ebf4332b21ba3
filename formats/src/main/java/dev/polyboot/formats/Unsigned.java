package dev.polyboot.formats;

import java.nio.ByteBuffer;

/**
 * Widening reads and range-checked writes of unsigned fields. Callers set the buffer's byte order once
 * when they create it; these helpers never change it. Every unsigned value comes back in a wider type so
 * that a 32-bit count at or above 2^31 can never turn negative.
 */
public final class Unsigned {
    private Unsigned() {}

    public static int u8(ByteBuffer b, int index) {
        return Byte.toUnsignedInt(b.get(index));
    }

    public static int u16(ByteBuffer b, int index) {
        return Short.toUnsignedInt(b.getShort(index));
    }

    public static long u32(ByteBuffer b, int index) {
        return Integer.toUnsignedLong(b.getInt(index));
    }

    /** 64-bit fields are kept as signed longs; values above Long.MAX_VALUE are rejected by the caller's checks. */
    public static long u64(ByteBuffer b, int index) {
        return b.getLong(index);
    }

    public static void putU8(ByteBuffer b, int index, int value) {
        if (value < 0 || value > 0xFF) throw new IllegalArgumentException("u8 out of range: " + value);
        b.put(index, (byte) value);
    }

    public static void putU16(ByteBuffer b, int index, int value) {
        if (value < 0 || value > 0xFFFF) throw new IllegalArgumentException("u16 out of range: " + value);
        b.putShort(index, (short) value);
    }

    public static void putU32(ByteBuffer b, int index, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException("u32 out of range: " + value);
        b.putInt(index, (int) value);
    }
}
