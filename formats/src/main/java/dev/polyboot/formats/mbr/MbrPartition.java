package dev.polyboot.formats.mbr;

/**
 * One 16-byte entry of the MBR partition table (UEFI 2.10 §5.2.1, table 5-2). The type is an open value so
 * unknown codes survive; CHS addresses are kept as their three raw bytes (packed little-endian into an int)
 * because firmware and tools disagree about them and re-encoding must be byte-exact.
 */
public record MbrPartition(int status, int chsFirst, int type, int chsLast, long firstLba, long sectorCount) {
    public static final int SIZE = 16;
    static final int STATUS = 0;
    static final int CHS_FIRST = 1;
    static final int TYPE = 4;
    static final int CHS_LAST = 5;
    static final int FIRST_LBA = 8;
    static final int SECTOR_COUNT = 12;

    public static final int STATUS_ACTIVE = 0x80;
    public static final int TYPE_EMPTY = 0x00;
    public static final int TYPE_EXTENDED_CHS = 0x05;
    public static final int TYPE_FAT16 = 0x06;
    public static final int TYPE_NTFS_EXFAT = 0x07;
    public static final int TYPE_FAT32_LBA = 0x0C;
    public static final int TYPE_EXTENDED_LBA = 0x0F;
    public static final int TYPE_LINUX = 0x83;
    public static final int TYPE_LINUX_EXTENDED = 0x85;
    public static final int TYPE_GPT_PROTECTIVE = 0xEE;
    public static final int TYPE_EFI_SYSTEM = 0xEF;

    /** An unused slot: sixteen zero bytes. */
    public static final MbrPartition EMPTY = new MbrPartition(0, 0, 0, 0, 0, 0);

    public MbrPartition {
        checkRange("status", status, 0xFF);
        checkRange("chsFirst", chsFirst, 0xFF_FFFF);
        checkRange("type", type, 0xFF);
        checkRange("chsLast", chsLast, 0xFF_FFFF);
        checkRange("firstLba", firstLba, 0xFFFF_FFFFL);
        checkRange("sectorCount", sectorCount, 0xFFFF_FFFFL);
    }

    private static void checkRange(String field, long value, long max) {
        if (value < 0 || value > max) throw new IllegalArgumentException(field + " out of range 0.." + max + ": " + value);
    }

    /** A slot is unused when its type is 0, as Linux and fdisk treat it. */
    public boolean isEmpty() {
        return type == TYPE_EMPTY;
    }

    public boolean isActive() {
        return status == STATUS_ACTIVE;
    }

    public boolean isExtended() {
        return type == TYPE_EXTENDED_CHS || type == TYPE_EXTENDED_LBA || type == TYPE_LINUX_EXTENDED;
    }

    /** First sector after the partition (exclusive end), up to 2^33 - 2. */
    public long endLba() {
        return firstLba + sectorCount;
    }

    @Override
    public String toString() {
        return String.format("MbrPartition[status=0x%02x, type=0x%02x, firstLba=%d, sectorCount=%d, chs=%06x..%06x]",
                status, type, firstLba, sectorCount, chsFirst, chsLast);
    }
}
