package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;

/**
 * OSTA Compressed Unicode (UDF 2.60 §2.1.1): a compression ID byte, then 8-bit units (ID 8, or 254) or
 * big-endian 16-bit units (ID 16, or 255); and the fixed-size {@code dstring} whose last byte is the used length.
 */
final class OstaStrings {
    private OstaStrings() {}

    /** Decodes {@code length} bytes at {@code at}; length 0 is the empty string. */
    static String decode(ByteBuffer b, int at, int length, String structure, long deviceOffset) throws CorruptStructureException {
        if (length == 0) return "";
        int id = b.get(at) & 0xFF;
        StringBuilder s = new StringBuilder(length);
        if (id == 8 || id == 254) {
            for (int i = 1; i < length; i++) s.append((char) (b.get(at + i) & 0xFF));
        } else if (id == 16 || id == 255) {
            if ((length - 1) % 2 != 0) {
                throw new CorruptStructureException(structure, deviceOffset, "16-bit name length", "odd (ID byte + pairs)", length);
            }
            for (int i = 1; i < length; i += 2) s.append((char) ((b.get(at + i) & 0xFF) << 8 | (b.get(at + i + 1) & 0xFF)));
        } else {
            throw new CorruptStructureException(structure, deviceOffset, "compression ID", "8 or 16", id);
        }
        return s.toString();
    }

    /** A dstring of {@code size} bytes: the last byte says how many of the others are used. */
    static String dstring(ByteBuffer b, int at, int size, String structure, long deviceOffset) throws CorruptStructureException {
        int used = b.get(at + size - 1) & 0xFF;
        if (used == 0) return "";
        if (used > size - 1) throw new CorruptStructureException(structure, deviceOffset + size - 1, "dstring length",
                "at most " + (size - 1), used);
        String s = decode(b, at, used, structure, deviceOffset);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }
}
