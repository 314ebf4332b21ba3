package dev.polyboot.formats.iso;

import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * El Torito 1.0 section 2.1 validation entry: the first 32 bytes of the boot catalog. Header id 1, the platform of
 * the initial entry, an ID string, a checksum making the sixteen little-endian words sum to zero, and 55 AA.
 */
public record ElToritoValidationEntry(int platformId, String idString, int checksum) {
    public static final int SIZE = 32;
    static final int HEADER_ID = 0;
    static final int PLATFORM = 1;
    static final int ID_STRING = 4;
    static final int CHECKSUM = 28;
    static final int KEY = 30;

    static ElToritoValidationEntry decode(ByteBuffer catalog, long offset) throws CorruptStructureException {
        ByteBuffer b = catalog.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        String where = "El Torito validation entry";
        int header = Byte.toUnsignedInt(b.get(HEADER_ID));
        if (header != 1) throw new CorruptStructureException(where, offset, "header id", 1, header);
        int key = Short.toUnsignedInt(b.getShort(KEY));
        if (key != 0xAA55) {
            throw new CorruptStructureException(where, offset + KEY, "key bytes", "55 AA",
                    String.format("%02X %02X", key & 0xFF, key >>> 8));
        }
        int sum = 0;
        for (int i = 0; i < SIZE; i += 2) sum += Short.toUnsignedInt(b.getShort(i));
        if ((sum & 0xFFFF) != 0) {
            throw new CorruptStructureException(where, offset + CHECKSUM, "checksum (sum of words)", 0,
                    String.format("0x%04x", sum & 0xFFFF));
        }
        return new ElToritoValidationEntry(Byte.toUnsignedInt(b.get(PLATFORM)), BootRecordDescriptor.text(b, ID_STRING, 24),
                Short.toUnsignedInt(b.getShort(CHECKSUM)));
    }
}
