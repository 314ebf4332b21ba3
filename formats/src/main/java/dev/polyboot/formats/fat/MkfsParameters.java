package dev.polyboot.formats.fat;

import dev.polyboot.formats.UnsupportedLayoutException;

/**
 * The layout mkfs.fat 4.2 would choose for a device of a given size (measured against mkfs.fat on
 * 32 MiB .. 32 GiB images, see FatMkfsParityTest): CHS geometry from the size, total sectors rounded
 * down to whole tracks, cluster size doubled from a starting guess until the cluster count fits the
 * FAT type, reserved sectors and root directory rounded up to whole clusters so data is cluster-aligned.
 */
record MkfsParameters(int fatBits, int bytesPerSector, int sectorsPerCluster, int reservedSectors, int fatCount,
                      long fatSectors, int rootEntries, long totalSectors, long clusterCount, int sectorsPerTrack,
                      int heads, int backupBootSector) {

    static final long MIN_CLUSTERS_FAT16 = 4087;
    static final long MAX_CLUSTERS_FAT16 = 65524;
    static final long MIN_CLUSTERS_FAT32 = 65525;
    static final long MAX_CLUSTERS_FAT32 = 268_435_446;
    private static final long MIB = 1024 * 1024;

    static MkfsParameters plan(long deviceBytes, int sectorSize, FatFormatOptions o) throws UnsupportedLayoutException {
        long deviceSectors = Math.min(deviceBytes / sectorSize, 0xFFFF_FFFFL);
        int heads;
        int spt;
        if (deviceSectors <= 524288) {
            heads = deviceSectors <= 32768 ? 2 : deviceSectors <= 65536 ? 4 : deviceSectors <= 262144 ? 8 : 16;
            spt = deviceSectors <= 4096 ? 16 : 32;
        } else {
            heads = deviceSectors <= 16 * 63 * 1024 ? 16 : deviceSectors <= 32 * 63 * 1024 ? 32
                    : deviceSectors <= 64 * 63 * 1024 ? 64 : deviceSectors <= 128 * 63 * 1024 ? 128 : 255;
            spt = 63;
        }
        int bits = switch (o.type()) {
            case FAT16 -> 16;
            case FAT32 -> 32;
            case AUTO -> deviceBytes >= 512 * MIB ? 32 : 16;
        };
        int spc = 4;
        if (bits == 32) {
            long s = deviceBytes / sectorSize;
            spc = s > 32L * 1024 * 1024 * 2 ? 64 : s > 16L * 1024 * 1024 * 2 ? 32 : s > 8L * 1024 * 1024 * 2 ? 16
                    : s > 260L * 1024 * 2 ? 8 : 1;
        }
        int maxSpc = 128;
        if (o.sectorsPerCluster() != 0) {
            spc = o.sectorsPerCluster();
            maxSpc = spc;
        }
        int reserved = o.reservedSectors() != 0 ? o.reservedSectors() : bits == 32 ? 32 : 1;
        if (bits == 32 && reserved < 2) throw new IllegalArgumentException("FAT32 needs at least 2 reserved sectors");
        int nFats = o.fatCount();
        long total = deviceSectors / spt * spt;
        boolean align = total > 8192;
        int rootEntries = bits == 32 ? 0 : 512;
        long rootDirSectors = (rootEntries * 32L + sectorSize - 1) / sectorSize;

        long clusters = 0;
        long fatLength = 0;
        for (; spc <= maxSpc; spc <<= 1) {
            long fatData32 = total - align(reserved, spc, align);
            long fatData16 = fatData32 - align(rootDirSectors, spc, align);
            if (bits == 16) {
                long c = (fatData16 * sectorSize + nFats * 4L) / ((long) spc * sectorSize + nFats * 2L);
                fatLength = align(ceilDiv((c + 2) * 2, sectorSize), spc, align);
                clusters = (fatData16 - nFats * fatLength) / spc;
                long max = Math.min(fatLength * sectorSize / 2, MAX_CLUSTERS_FAT16);
                if (clusters > max || clusters < MIN_CLUSTERS_FAT16) clusters = 0;
            } else {
                long c = (fatData32 * sectorSize + nFats * 8L) / ((long) spc * sectorSize + nFats * 4L);
                fatLength = align(ceilDiv((c + 2) * 4, sectorSize), spc, align);
                clusters = (fatData32 - nFats * fatLength) / spc;
                long max = Math.min(fatLength * sectorSize / 4, MAX_CLUSTERS_FAT32);
                // mkfs.fat allows fewer clusters for an explicit -F 32, but readers that follow the spec
                // (and ours) would then take the volume for FAT16, so we refuse that.
                if (clusters > max || clusters < MIN_CLUSTERS_FAT32) clusters = 0;
            }
            if (clusters > 0) break;
        }
        if (clusters <= 0) {
            throw new UnsupportedLayoutException("FAT formatter", 0, "FAT" + bits + " on " + deviceBytes
                    + " bytes: no cluster size gives a valid cluster count"
                    + (o.sectorsPerCluster() != 0 ? " with " + o.sectorsPerCluster() + " sectors per cluster" : ""));
        }
        int alignedReserved = (int) align(reserved, spc, align);
        if (alignedReserved > 0xFFFF) throw new UnsupportedLayoutException("FAT formatter", 0, "too many reserved sectors");
        if (align && bits == 16) rootEntries = (int) (align(rootDirSectors, spc, true) * (sectorSize / 32));
        if (rootEntries > 0xFFFF) throw new UnsupportedLayoutException("FAT formatter", 0, "root directory too large");
        int backup = 0;
        if (bits == 32) backup = alignedReserved >= 7 ? 6 : alignedReserved >= 4 ? alignedReserved - 2 : 0;
        return new MkfsParameters(bits, sectorSize, spc, alignedReserved, nFats, fatLength, rootEntries, total, clusters,
                spt, heads, backup);
    }

    private static long align(long sectors, int clusterSectors, boolean align) {
        return align ? (sectors + clusterSectors - 1) & ~(long) (clusterSectors - 1) : sectors;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
