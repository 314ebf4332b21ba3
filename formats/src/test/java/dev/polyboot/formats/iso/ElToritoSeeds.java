package dev.polyboot.formats.iso;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Small El Torito layouts built byte by byte, the catalog in sector 0 of the device: for the fuzz target and the
 * hostile-catalog tests. Offsets follow El Torito 1.0 section 2.
 */
final class ElToritoSeeds {
    static final int SECTOR = 2048;

    private ElToritoSeeds() {}

    /** BIOS no-emulation (4 sectors at RBA 1) + UEFI no-emulation with count 0 at RBA 2: a 4 KiB FAT boot sector. */
    static byte[] biosAndUefi() {
        ByteBuffer b = ByteBuffer.allocate(4 * SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        validation(b, ElToritoEntry.PLATFORM_X86);
        entry(b, 32, 0x88, 0, 4, 1);
        b.put(64, (byte) 0x91).put(65, (byte) 0xEF).putShort(66, (short) 1);
        entry(b, 96, 0x88, 0, 0, 2);
        for (int i = 0; i < SECTOR; i++) b.put(SECTOR + i, (byte) 'B');
        fatBootSector(b, 2 * SECTOR, 8);
        return b.array();
    }

    /** Hard-disk emulation at RBA 1 (MBR, one partition of 3 sectors), then a section with an extension record. */
    static byte[] hardDiskAndSections() {
        ByteBuffer b = ByteBuffer.allocate(3 * SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        validation(b, ElToritoEntry.PLATFORM_X86);
        entry(b, 32, 0x88, ElToritoEntry.MEDIA_HARD_DISK, 1, 1);
        b.put(36, (byte) 0x0C);
        b.put(64, (byte) 0x90).put(65, (byte) 0).putShort(66, (short) 1);
        entry(b, 96, 0x88, ElToritoEntry.MEDIA_NO_EMULATION | 0x20, 4, 1);
        b.put(128, (byte) 0x44);
        b.put(160, (byte) 0x91).put(161, (byte) 0xEF).putShort(162, (short) 1);
        entry(b, 192, 0x00, ElToritoEntry.MEDIA_FLOPPY_1_44M, 1, 2);
        int mbr = SECTOR;
        b.put(mbr + 446 + 4, (byte) 0x0C).putInt(mbr + 446 + 8, 1).putInt(mbr + 446 + 12, 3);
        b.put(mbr + 510, (byte) 0x55).put(mbr + 511, (byte) 0xAA);
        return b.array();
    }

    static void validation(ByteBuffer b, int platform) {
        b.put(0, (byte) 1).put(1, (byte) platform);
        byte[] id = "POLYBOOT SEED".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < id.length; i++) b.put(4 + i, id[i]);
        b.put(30, (byte) 0x55).put(31, (byte) 0xAA);
        fixChecksum(b);
    }

    static void fixChecksum(ByteBuffer b) {
        b.putShort(28, (short) 0);
        int sum = 0;
        for (int i = 0; i < 32; i += 2) sum += Short.toUnsignedInt(b.getShort(i));
        b.putShort(28, (short) -sum);
    }

    static void entry(ByteBuffer b, int at, int indicator, int media, int count, int rba) {
        b.put(at, (byte) indicator).put(at + 1, (byte) media).putShort(at + 6, (short) count).putInt(at + 8, rba);
    }

    static void fatBootSector(ByteBuffer b, int at, int totalSectors) {
        b.put(at, (byte) 0xEB).put(at + 1, (byte) 0x3C).put(at + 2, (byte) 0x90);
        b.putShort(at + 11, (short) 512).putShort(at + 19, (short) totalSectors);
        b.put(at + 510, (byte) 0x55).put(at + 511, (byte) 0xAA);
    }
}
