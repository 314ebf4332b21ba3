package dev.polyboot.formats.iso;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * ECMA-119 8.2 boot record; for El Torito (El Torito 1.0 section 2.0) the boot system identifier is
 * "EL TORITO SPECIFICATION" and bytes 0x47..0x4A hold the boot catalog's sector (2048-byte units, little-endian).
 */
public record BootRecordDescriptor(long offset, String bootSystemId, String bootId, long catalogSector) {
    public static final String EL_TORITO = "EL TORITO SPECIFICATION";
    static final int BOOT_SYSTEM_ID = 7;
    static final int BOOT_ID = 39;
    static final int CATALOG_POINTER = 0x47;

    public boolean isElTorito() {
        return EL_TORITO.equals(bootSystemId);
    }

    static BootRecordDescriptor decode(ByteBuffer sector, long offset) {
        ByteBuffer b = sector.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new BootRecordDescriptor(offset, text(b, BOOT_SYSTEM_ID, 32), text(b, BOOT_ID, 32),
                Integer.toUnsignedLong(b.getInt(CATALOG_POINTER)));
    }

    /** a-characters padded with NULs (El Torito) or spaces. */
    static String text(ByteBuffer b, int index, int len) {
        byte[] raw = new byte[len];
        b.get(index, raw);
        int end = len;
        while (end > 0 && (raw[end - 1] == 0 || raw[end - 1] == ' ')) end--;
        return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
    }
}
