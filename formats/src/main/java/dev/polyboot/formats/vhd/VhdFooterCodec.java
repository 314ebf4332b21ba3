package dev.polyboot.formats.vhd;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Decodes {@link VhdFooter} and checks its cookie and checksum; big-endian. */
public final class VhdFooterCodec {
    private VhdFooterCodec() {}

    /** @param at the footer's offset on the device, for messages */
    public static VhdFooter decode(byte[] footer, long at) throws CorruptStructureException {
        String structure = "VHD footer";
        if (footer.length != VhdFooter.SIZE) throw new CorruptStructureException(structure, at, "length", VhdFooter.SIZE, footer.length);
        ByteBuffer b = ByteBuffer.wrap(footer).order(ByteOrder.BIG_ENDIAN);
        String cookie = ascii(footer, VhdFooter.COOKIE, 8);
        if (!cookie.equals(VhdFooter.COOKIE_TEXT)) {
            throw new CorruptStructureException(structure, at, "cookie", "\"conectix\"", quoted(cookie));
        }
        long stored = Unsigned.u32(b, VhdFooter.CHECKSUM);
        long computed = checksum(footer, VhdFooter.CHECKSUM);
        if (stored != computed) {
            throw new CorruptStructureException(structure, at + VhdFooter.CHECKSUM, "checksum", hex(computed), hex(stored));
        }
        long currentSize = b.getLong(VhdFooter.CURRENT_SIZE);
        if (currentSize < 0) {
            throw new CorruptStructureException(structure, at + VhdFooter.CURRENT_SIZE, "current size", "below 2^63",
                    Long.toUnsignedString(currentSize));
        }
        return new VhdFooter(Unsigned.u32(b, VhdFooter.FEATURES), Unsigned.u32(b, VhdFooter.FORMAT_VERSION),
                b.getLong(VhdFooter.DATA_OFFSET), Unsigned.u32(b, VhdFooter.TIMESTAMP), ascii(footer, VhdFooter.CREATOR_APP, 4),
                Unsigned.u32(b, VhdFooter.CREATOR_VERSION), ascii(footer, VhdFooter.CREATOR_HOST_OS, 4),
                b.getLong(VhdFooter.ORIGINAL_SIZE), currentSize, Unsigned.u16(b, VhdFooter.CYLINDERS),
                Unsigned.u8(b, VhdFooter.HEADS), Unsigned.u8(b, VhdFooter.SECTORS), Unsigned.u32(b, VhdFooter.DISK_TYPE),
                new UUID(b.getLong(VhdFooter.UNIQUE_ID), b.getLong(VhdFooter.UNIQUE_ID + 8)),
                Unsigned.u8(b, VhdFooter.SAVED_STATE));
    }

    /** The spec's checksum: ones' complement of the byte sum, the checksum field's own four bytes skipped. */
    static long checksum(byte[] structure, int checksumAt) {
        long sum = 0;
        for (int i = 0; i < structure.length; i++) {
            if (i < checksumAt || i >= checksumAt + 4) sum += structure[i] & 0xFF;
        }
        return ~sum & 0xFFFF_FFFFL;
    }

    static String ascii(byte[] b, int at, int len) {
        return new String(b, at, len, StandardCharsets.ISO_8859_1);
    }

    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        return out.append('"').toString();
    }

    static String hex(long v) {
        return String.format("0x%08X", v);
    }
}
