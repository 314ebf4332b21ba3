package dev.polyboot.formats.mbr;

/**
 * Cylinder/head/sector addresses as fdisk and sfdisk fill them: a 255-head, 63-sector geometry, and every
 * address past cylinder 1023 clamped to 1023/254/63 (bytes FE FF FF) so firmware falls back to the LBA fields.
 */
public final class Chs {
    static final int HEADS = 255;
    static final int SECTORS_PER_TRACK = 63;
    static final int MAX_CYLINDER = 1023;

    /** The clamped "beyond CHS range" address 1023/254/63, packed like {@link MbrPartition#chsFirst()}. */
    public static final int BEYOND = pack(254, 63 | ((MAX_CYLINDER >> 2) & 0xC0), MAX_CYLINDER & 0xFF);

    private Chs() {}

    /** The three raw CHS bytes for {@code lba}, packed little-endian (byte 0 = head). */
    public static int fromLba(long lba) {
        if (lba < 0) throw new IllegalArgumentException("negative LBA: " + lba);
        long cylinder = lba / (HEADS * SECTORS_PER_TRACK);
        if (cylinder > MAX_CYLINDER) return BEYOND;
        int head = (int) ((lba / SECTORS_PER_TRACK) % HEADS);
        int sector = (int) (lba % SECTORS_PER_TRACK) + 1;
        int c = (int) cylinder;
        return pack(head, sector | ((c >> 2) & 0xC0), c & 0xFF);
    }

    private static int pack(int b0, int b1, int b2) {
        return b0 | (b1 << 8) | (b2 << 16);
    }
}
