package dev.polyboot.formats.gpt;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;

/**
 * GUIDs in their on-disk "mixed-endian" form (UEFI 2.10 appendix A): the first three fields little-endian,
 * the last eight bytes as written. {@code C12A7328-F81F-11D2-BA4B-00A0C93EC93B} is stored as
 * {@code 28 73 2A C1 1F F8 D2 11 BA 4B 00 A0 C9 3E C9 3B}.
 */
public final class Guids {
    public static final int SIZE = 16;
    public static final UUID ZERO = new UUID(0, 0);

    private Guids() {}

    /** Reads 16 bytes at {@code at}; the buffer's own byte order is ignored. */
    public static UUID read(ByteBuffer b, int at) {
        byte[] raw = new byte[SIZE];
        b.get(at, raw);
        return fromBytes(raw);
    }

    public static void write(ByteBuffer b, int at, UUID guid) {
        b.put(at, toBytes(guid));
    }

    public static UUID fromBytes(byte[] raw) {
        if (raw.length != SIZE) throw new IllegalArgumentException("a GUID is 16 bytes: " + raw.length);
        long msb = 0;
        for (int i : MIXED_ORDER) msb = (msb << 8) | (raw[i] & 0xFF);
        long lsb = 0;
        for (int i = 8; i < SIZE; i++) lsb = (lsb << 8) | (raw[i] & 0xFF);
        return new UUID(msb, lsb);
    }

    public static byte[] toBytes(UUID guid) {
        byte[] raw = new byte[SIZE];
        long msb = guid.getMostSignificantBits();
        for (int k = 7; k >= 0; k--) {
            raw[MIXED_ORDER[k]] = (byte) msb;
            msb >>>= 8;
        }
        long lsb = guid.getLeastSignificantBits();
        for (int i = SIZE - 1; i >= 8; i--) {
            raw[i] = (byte) lsb;
            lsb >>>= 8;
        }
        return raw;
    }

    /** The canonical upper-case form that sgdisk and the UEFI spec print. */
    public static String format(UUID guid) {
        return guid.toString().toUpperCase(Locale.ROOT);
    }

    public static UUID parse(String text) {
        if (!text.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) {
            throw new IllegalArgumentException("not a GUID: " + text);
        }
        return UUID.fromString(text);
    }

    // On-disk index of each byte of the textual first 8 bytes (time_low LE, time_mid LE, time_hi LE).
    private static final int[] MIXED_ORDER = {3, 2, 1, 0, 5, 4, 7, 6};
}
