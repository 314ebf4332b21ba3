package dev.polyboot.formats.fat;

import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The boot sector with its BIOS parameter block (Microsoft FAT spec "fatgen103", section 3). FAT32
 * volumes (FATSz16 = 0) carry the extended BPB at 64, FAT12/16 at 36. The raw sector is kept so that
 * re-encoding is byte-exact (boot code and fields we do not model).
 */
record FatBootSector(byte[] raw, int bytesPerSector, int sectorsPerCluster, int reservedSectors, int fatCount,
                     int rootEntryCount, int totalSectors16, int media, int fatSize16, int sectorsPerTrack, int heads,
                     long hiddenSectors, long totalSectors32, long fatSize32, int extFlags, int fsVersion,
                     long rootCluster, int fsInfoSector, int backupBootSector, long volumeSerial, String volumeLabel,
                     int signature) {
    static final int SIZE = 512;
    static final int OFF_JUMP = 0;
    static final int OFF_OEM = 3;
    static final int OFF_BYTES_PER_SECTOR = 11;
    static final int OFF_SECTORS_PER_CLUSTER = 13;
    static final int OFF_RESERVED = 14;
    static final int OFF_FATS = 16;
    static final int OFF_ROOT_ENTRIES = 17;
    static final int OFF_TOTAL16 = 19;
    static final int OFF_MEDIA = 21;
    static final int OFF_FAT_SIZE16 = 22;
    static final int OFF_SECTORS_PER_TRACK = 24;
    static final int OFF_HEADS = 26;
    static final int OFF_HIDDEN = 28;
    static final int OFF_TOTAL32 = 32;
    static final int OFF_FAT_SIZE32 = 36;
    static final int OFF_EXT_FLAGS = 40;
    static final int OFF_FS_VERSION = 42;
    static final int OFF_ROOT_CLUSTER = 44;
    static final int OFF_FS_INFO = 48;
    static final int OFF_BACKUP_BOOT = 50;
    /** Extended BPB (drive number, 0x29, serial, label, type string) for FAT12/16 and FAT32. */
    static final int EXT_FAT16 = 36;
    static final int EXT_FAT32 = 64;
    static final int EXT_DRIVE = 0;
    static final int EXT_SIGNATURE = 2;
    static final int EXT_SERIAL = 3;
    static final int EXT_LABEL = 7;
    static final int EXT_FS_TYPE = 18;
    static final int BOOT_CODE_FAT16 = 62;
    static final int BOOT_CODE_FAT32 = 90;
    static final int OFF_SIGNATURE = 510;
    static final int BOOT_SIGNATURE = 0xAA55;

    boolean fat32Layout() {
        return fatSize16 == 0;
    }

    long totalSectors() {
        return totalSectors16 != 0 ? totalSectors16 : totalSectors32;
    }

    long fatSize() {
        return fatSize16 != 0 ? fatSize16 : fatSize32;
    }

    static FatBootSector decode(ByteBuffer sector) {
        byte[] raw = new byte[SIZE];
        sector.duplicate().get(raw);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int fatSize16 = Unsigned.u16(b, OFF_FAT_SIZE16);
        boolean fat32 = fatSize16 == 0;
        int ext = fat32 ? EXT_FAT32 : EXT_FAT16;
        return new FatBootSector(raw, Unsigned.u16(b, OFF_BYTES_PER_SECTOR), Unsigned.u8(b, OFF_SECTORS_PER_CLUSTER),
                Unsigned.u16(b, OFF_RESERVED), Unsigned.u8(b, OFF_FATS), Unsigned.u16(b, OFF_ROOT_ENTRIES),
                Unsigned.u16(b, OFF_TOTAL16), Unsigned.u8(b, OFF_MEDIA), fatSize16, Unsigned.u16(b, OFF_SECTORS_PER_TRACK),
                Unsigned.u16(b, OFF_HEADS), Unsigned.u32(b, OFF_HIDDEN), Unsigned.u32(b, OFF_TOTAL32),
                fat32 ? Unsigned.u32(b, OFF_FAT_SIZE32) : 0, fat32 ? Unsigned.u16(b, OFF_EXT_FLAGS) : 0,
                fat32 ? Unsigned.u16(b, OFF_FS_VERSION) : 0, fat32 ? Unsigned.u32(b, OFF_ROOT_CLUSTER) : 0,
                fat32 ? Unsigned.u16(b, OFF_FS_INFO) : 0, fat32 ? Unsigned.u16(b, OFF_BACKUP_BOOT) : 0,
                Unsigned.u8(b, ext + EXT_SIGNATURE) == 0x29 ? Unsigned.u32(b, ext + EXT_SERIAL) : 0,
                Unsigned.u8(b, ext + EXT_SIGNATURE) == 0x29
                        ? new String(raw, ext + EXT_LABEL, 11, StandardCharsets.ISO_8859_1).stripTrailing() : "",
                Unsigned.u16(b, OFF_SIGNATURE));
    }

    /** The raw sector as read (byte-exact), for copies such as the FAT32 backup boot sector. */
    ByteBuffer encode() {
        return ByteBuffer.wrap(raw.clone()).order(ByteOrder.LITTLE_ENDIAN);
    }
}
