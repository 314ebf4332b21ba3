package dev.polyboot.formats.exfat;

/** The rotate-and-add checksums of the exFAT spec (§3.4 boot, §6.3.3 entry set, §7.2.2 up-case, §7.6.4 name hash). */
final class Checksums {
    private Checksums() {}

    /** Boot region checksum over the first 11 sectors, skipping VolumeFlags and PercentInUse of sector 0. */
    static long bootRegion(byte[] elevenSectors) {
        int c = 0;
        for (int i = 0; i < elevenSectors.length; i++) {
            if (i == ExfatBootSector.VOLUME_FLAGS || i == ExfatBootSector.VOLUME_FLAGS + 1
                    || i == ExfatBootSector.PERCENT_IN_USE) continue;
            c = ((c & 1) != 0 ? 0x8000_0000 : 0) + (c >>> 1) + (elevenSectors[i] & 0xFF);
        }
        return Integer.toUnsignedLong(c);
    }

    /** Up-case table checksum: the same 32-bit rotation over every byte. */
    static long table(byte[] data, int length) {
        int c = 0;
        for (int i = 0; i < length; i++) c = ((c & 1) != 0 ? 0x8000_0000 : 0) + (c >>> 1) + (data[i] & 0xFF);
        return Integer.toUnsignedLong(c);
    }

    /** Entry set checksum over all entries of the set, skipping the SetChecksum field itself. */
    static int entrySet(byte[] set, int offset, int length) {
        int c = 0;
        for (int i = 0; i < length; i++) {
            if (i == 2 || i == 3) continue;
            c = (((c & 1) != 0 ? 0x8000 : 0) + (c >>> 1) + (set[offset + i] & 0xFF)) & 0xFFFF;
        }
        return c;
    }

    /** NameHash over the up-cased name's UTF-16LE bytes. */
    static int nameHash(String upcasedName) {
        int h = 0;
        for (int i = 0; i < upcasedName.length(); i++) {
            char ch = upcasedName.charAt(i);
            h = (((h & 1) != 0 ? 0x8000 : 0) + (h >>> 1) + (ch & 0xFF)) & 0xFFFF;
            h = (((h & 1) != 0 ? 0x8000 : 0) + (h >>> 1) + (ch >>> 8)) & 0xFFFF;
        }
        return h;
    }
}
