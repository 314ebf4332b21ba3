package dev.polyboot.formats.pe;

import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One section table entry (PE/COFF spec §4). The name is the 8 raw bytes without trailing NULs, or the long name
 * a "/123" reference points to in the COFF string table (resolved by {@link PeReader}).
 */
public record PeSection(String name, long virtualSize, long virtualAddress, long rawSize, long rawOffset,
                        long characteristics) {
    public static final int SIZE = 40;
    static final int NAME = 0;
    static final int VIRTUAL_SIZE = 8;
    static final int VIRTUAL_ADDRESS = 12;
    static final int RAW_SIZE = 16;
    static final int RAW_OFFSET = 20;
    static final int CHARACTERISTICS = 36;

    PeSection withName(String longName) {
        return new PeSection(longName, virtualSize, virtualAddress, rawSize, rawOffset, characteristics);
    }

    /** Decodes the entry at {@code at} of a little-endian buffer. */
    static PeSection decode(ByteBuffer b, int at) {
        byte[] raw = new byte[8];
        b.get(at + NAME, raw);
        int len = 0;
        while (len < raw.length && raw[len] != 0) len++;
        return new PeSection(new String(raw, 0, len, StandardCharsets.ISO_8859_1), Unsigned.u32(b, at + VIRTUAL_SIZE),
                Unsigned.u32(b, at + VIRTUAL_ADDRESS), Unsigned.u32(b, at + RAW_SIZE), Unsigned.u32(b, at + RAW_OFFSET),
                Unsigned.u32(b, at + CHARACTERISTICS));
    }
}
