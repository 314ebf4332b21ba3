package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Main (or backup) boot sector, exFAT spec §3.1. Sector counts are kept in sectors as on disk;
 * {@code raw} keeps the boot code and every byte not modelled so that {@link #encode()} is byte-exact.
 */
record ExfatBootSector(byte[] raw, long partitionOffset, long volumeLength, long fatOffset, long fatLength,
                       long clusterHeapOffset, long clusterCount, long rootCluster, long volumeSerial,
                       int revision, int volumeFlags, int bytesPerSectorShift, int sectorsPerClusterShift,
                       int numberOfFats, int driveSelect, int percentInUse) {

    static final String STRUCTURE = "exFAT boot sector";
    static final int SIZE = 512;
    static final int JUMP_BOOT = 0x00;
    static final int FILE_SYSTEM_NAME = 0x03;
    static final int MUST_BE_ZERO = 0x0B;
    static final int MUST_BE_ZERO_LENGTH = 53;
    static final int PARTITION_OFFSET = 0x40;
    static final int VOLUME_LENGTH = 0x48;
    static final int FAT_OFFSET = 0x50;
    static final int FAT_LENGTH = 0x54;
    static final int CLUSTER_HEAP_OFFSET = 0x58;
    static final int CLUSTER_COUNT = 0x5C;
    static final int FIRST_CLUSTER_OF_ROOT = 0x60;
    static final int VOLUME_SERIAL = 0x64;
    static final int FILE_SYSTEM_REVISION = 0x68;
    static final int VOLUME_FLAGS = 0x6A;
    static final int BYTES_PER_SECTOR_SHIFT = 0x6C;
    static final int SECTORS_PER_CLUSTER_SHIFT = 0x6D;
    static final int NUMBER_OF_FATS = 0x6E;
    static final int DRIVE_SELECT = 0x6F;
    static final int PERCENT_IN_USE = 0x70;
    static final int BOOT_SIGNATURE = 0x1FE;

    static final byte[] JUMP = {(byte) 0xEB, 0x76, (byte) 0x90};
    static final byte[] NAME = "EXFAT   ".getBytes(StandardCharsets.US_ASCII);
    static final int FLAG_VOLUME_DIRTY = 0x0002;
    /** Highest cluster count the spec allows (§3.1.9). */
    static final long MAX_CLUSTER_COUNT = 0xFFFF_FFF5L;

    int sectorSize() { return 1 << bytesPerSectorShift; }
    int clusterSize() { return 1 << (bytesPerSectorShift + sectorsPerClusterShift); }
    long fatOffsetBytes() { return fatOffset << bytesPerSectorShift; }
    long heapOffsetBytes() { return clusterHeapOffset << bytesPerSectorShift; }
    long volumeBytes() { return volumeLength << bytesPerSectorShift; }

    ExfatBootSector withFlags(int flags, int percent) {
        return new ExfatBootSector(raw, partitionOffset, volumeLength, fatOffset, fatLength, clusterHeapOffset,
                clusterCount, rootCluster, volumeSerial, revision, flags, bytesPerSectorShift, sectorsPerClusterShift,
                numberOfFats, driveSelect, percent);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.wrap(raw.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(JUMP_BOOT, JUMP).put(FILE_SYSTEM_NAME, NAME);
        b.putLong(PARTITION_OFFSET, partitionOffset).putLong(VOLUME_LENGTH, volumeLength);
        Unsigned.putU32(b, FAT_OFFSET, fatOffset);
        Unsigned.putU32(b, FAT_LENGTH, fatLength);
        Unsigned.putU32(b, CLUSTER_HEAP_OFFSET, clusterHeapOffset);
        Unsigned.putU32(b, CLUSTER_COUNT, clusterCount);
        Unsigned.putU32(b, FIRST_CLUSTER_OF_ROOT, rootCluster);
        Unsigned.putU32(b, VOLUME_SERIAL, volumeSerial);
        Unsigned.putU16(b, FILE_SYSTEM_REVISION, revision);
        Unsigned.putU16(b, VOLUME_FLAGS, volumeFlags);
        Unsigned.putU8(b, BYTES_PER_SECTOR_SHIFT, bytesPerSectorShift);
        Unsigned.putU8(b, SECTORS_PER_CLUSTER_SHIFT, sectorsPerClusterShift);
        Unsigned.putU8(b, NUMBER_OF_FATS, numberOfFats);
        Unsigned.putU8(b, DRIVE_SELECT, driveSelect);
        Unsigned.putU8(b, PERCENT_IN_USE, percentInUse);
        b.put(BOOT_SIGNATURE, (byte) 0x55).put(BOOT_SIGNATURE + 1, (byte) 0xAA);
        return b.array();
    }

    /** Decodes and checks every rule of §3.1 that a reader depends on; {@code deviceSize} bounds the volume. */
    static ExfatBootSector decode(ByteBuffer src, long offset, long deviceSize) throws FormatException {
        if (src.remaining() < SIZE) throw new CorruptStructureException(STRUCTURE, offset, "length", SIZE, src.remaining());
        byte[] raw = new byte[SIZE];
        src.duplicate().get(raw);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        check(Arrays.equals(raw, 0, 3, JUMP, 0, 3), offset, "JumpBoot", "EB 76 90", hex(raw, 0, 3));
        check(Arrays.equals(raw, 3, 11, NAME, 0, 8), offset + 3, "FileSystemName", "EXFAT   ",
                new String(raw, 3, 8, StandardCharsets.ISO_8859_1));
        for (int i = MUST_BE_ZERO; i < MUST_BE_ZERO + MUST_BE_ZERO_LENGTH; i++) {
            check(raw[i] == 0, offset + i, "MustBeZero", 0, raw[i] & 0xFF);
        }
        check(Unsigned.u16(b, BOOT_SIGNATURE) == 0xAA55, offset + BOOT_SIGNATURE, "BootSignature", "0xAA55",
                Integer.toHexString(Unsigned.u16(b, BOOT_SIGNATURE)));
        int bps = Unsigned.u8(b, BYTES_PER_SECTOR_SHIFT);
        check(bps >= 9 && bps <= 12, offset + BYTES_PER_SECTOR_SHIFT, "BytesPerSectorShift", "9..12", bps);
        int spc = Unsigned.u8(b, SECTORS_PER_CLUSTER_SHIFT);
        check(spc <= 25 - bps, offset + SECTORS_PER_CLUSTER_SHIFT, "SectorsPerClusterShift", "<= " + (25 - bps), spc);
        int fats = Unsigned.u8(b, NUMBER_OF_FATS);
        check(fats == 1 || fats == 2, offset + NUMBER_OF_FATS, "NumberOfFats", "1 or 2", fats);
        if (fats != 1) throw new UnsupportedLayoutException(STRUCTURE, offset + NUMBER_OF_FATS, "NumberOfFats", 1, fats);
        int rev = Unsigned.u16(b, FILE_SYSTEM_REVISION);
        check(rev >>> 8 == 1, offset + FILE_SYSTEM_REVISION, "FileSystemRevision", "1.x", Integer.toHexString(rev));
        long volLen = b.getLong(VOLUME_LENGTH);
        long maxSectors = deviceSize >>> bps;
        check(volLen > 0 && volLen <= maxSectors, offset + VOLUME_LENGTH, "VolumeLength", "1.." + maxSectors, volLen);
        long fatOff = Unsigned.u32(b, FAT_OFFSET);
        long fatLen = Unsigned.u32(b, FAT_LENGTH);
        long heapOff = Unsigned.u32(b, CLUSTER_HEAP_OFFSET);
        long count = Unsigned.u32(b, CLUSTER_COUNT);
        long root = Unsigned.u32(b, FIRST_CLUSTER_OF_ROOT);
        check(fatOff >= 24 && fatOff < volLen, offset + FAT_OFFSET, "FatOffset", "24.." + volLen, fatOff);
        long fatBytesNeeded = (count + 2) * 4;
        long fatLenNeeded = (fatBytesNeeded + (1L << bps) - 1) >>> bps;
        check(fatLen >= fatLenNeeded, offset + FAT_LENGTH, "FatLength", ">= " + fatLenNeeded, fatLen);
        check(heapOff >= fatOff + fatLen && heapOff < volLen, offset + CLUSTER_HEAP_OFFSET, "ClusterHeapOffset",
                (fatOff + fatLen) + ".." + volLen, heapOff);
        long maxCount = Math.min(MAX_CLUSTER_COUNT, (volLen - heapOff) >>> spc);
        check(count >= 1 && count <= maxCount, offset + CLUSTER_COUNT, "ClusterCount", "1.." + maxCount, count);
        check(root >= 2 && root <= count + 1, offset + FIRST_CLUSTER_OF_ROOT, "FirstClusterOfRootDirectory",
                "2.." + (count + 1), root);
        if (count > Integer.MAX_VALUE - 64) {
            throw new UnsupportedLayoutException(STRUCTURE, offset + CLUSTER_COUNT, "ClusterCount", "< 2^31", count);
        }
        return new ExfatBootSector(raw, b.getLong(PARTITION_OFFSET), volLen, fatOff, fatLen, heapOff, count, root,
                Unsigned.u32(b, VOLUME_SERIAL), rev, Unsigned.u16(b, VOLUME_FLAGS), bps, spc, fats,
                Unsigned.u8(b, DRIVE_SELECT), Unsigned.u8(b, PERCENT_IN_USE));
    }

    private static void check(boolean ok, long offset, String field, Object expected, Object actual)
            throws CorruptStructureException {
        if (!ok) throw new CorruptStructureException(STRUCTURE, offset, field, expected, actual);
    }

    static String hex(byte[] a, int from, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + len; i++) s.append(i > from ? " " : "").append(String.format("%02X", a[i]));
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExfatBootSector other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() { return Arrays.hashCode(encode()); }
}
