package dev.polyboot.formats.iso;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * IEEE P1281 (SUSP 1.12) section 4: one system use entry: two-character signature, length, version, data.
 * Signatures are open values; unknown ones are carried and ignored. {@code offset}: the entry's device offset.
 */
public record SuspEntry(String signature, int version, byte[] data, long offset) {
    public static final int HEADER = 4;

    /** The data as a little-endian buffer (both-endian fields are read with {@link BothEndian}). */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean is(String sig) {
        return signature.equals(sig);
    }
}
