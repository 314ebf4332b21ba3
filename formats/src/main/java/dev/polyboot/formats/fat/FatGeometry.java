package dev.polyboot.formats.fat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.UnsupportedLayoutException;

/**
 * Where everything lies on a FAT volume, derived from a boot sector that has been checked against the
 * spec (fatgen103 sections 3.5 and 4: the cluster count alone decides FAT12/16/32).
 */
record FatGeometry(int fatBits, int bytesPerSector, int sectorsPerCluster, long reservedSectors, int fatCount,
                   long fatSectors, int rootEntries, long rootDirSectors, long totalSectors, long firstDataSector,
                   long clusterCount, long rootCluster, int fsInfoSector) {
    static final long FAT12_MAX_CLUSTERS = 4084;
    static final long FAT16_MAX_CLUSTERS = 65524;
    /** FAT32 cluster numbers are 28 bits; 0x0FFFFFF7 and up are reserved values. */
    static final long FAT32_MAX_CLUSTERS = 0x0FFF_FFF5L;
    private static final String S = "FAT boot sector";

    int clusterSize() {
        return bytesPerSector * sectorsPerCluster;
    }

    long maxCluster() {
        return clusterCount + 1;
    }

    long fatOffset(int copy) {
        return (reservedSectors + (long) copy * fatSectors) * bytesPerSector;
    }

    long rootDirOffset() {
        return (reservedSectors + fatCount * fatSectors) * bytesPerSector;
    }

    long clusterOffset(long cluster) {
        return firstDataSector * bytesPerSector + (cluster - 2) * clusterSize();
    }

    long volumeBytes() {
        return totalSectors * bytesPerSector;
    }

    static FatGeometry of(FatBootSector bs, long deviceSize) throws FormatException {
        if (bs.signature() != FatBootSector.BOOT_SIGNATURE) {
            throw new CorruptStructureException(S, FatBootSector.OFF_SIGNATURE, "signature", "0xAA55", hex(bs.signature()));
        }
        int bps = bs.bytesPerSector();
        if (bps < 512 || bps > 4096 || Integer.bitCount(bps) != 1) {
            throw new CorruptStructureException(S, FatBootSector.OFF_BYTES_PER_SECTOR, "BytsPerSec", "512, 1024, 2048 or 4096", bps);
        }
        int spc = bs.sectorsPerCluster();
        if (spc == 0 || Integer.bitCount(spc) != 1) {
            throw new CorruptStructureException(S, FatBootSector.OFF_SECTORS_PER_CLUSTER, "SecPerClus", "power of two 1..128", spc);
        }
        if (bs.reservedSectors() == 0) {
            throw new CorruptStructureException(S, FatBootSector.OFF_RESERVED, "RsvdSecCnt", ">= 1", 0);
        }
        if (bs.fatCount() == 0) throw new CorruptStructureException(S, FatBootSector.OFF_FATS, "NumFATs", ">= 1", 0);
        if (bs.media() != 0xF0 && bs.media() < 0xF8) {
            throw new CorruptStructureException(S, FatBootSector.OFF_MEDIA, "Media", "0xF0 or 0xF8..0xFF", hex(bs.media()));
        }
        long total = bs.totalSectors();
        if (total == 0) throw new CorruptStructureException(S, FatBootSector.OFF_TOTAL32, "TotSec", "> 0", 0);
        long fatSize = bs.fatSize();
        if (fatSize == 0) throw new CorruptStructureException(S, FatBootSector.OFF_FAT_SIZE32, "FATSz", "> 0", 0);
        long rootDirSectors = ((long) bs.rootEntryCount() * 32 + bps - 1) / bps;
        long meta = bs.reservedSectors() + bs.fatCount() * fatSize + rootDirSectors;
        if (meta >= total) {
            throw new CorruptStructureException(S, FatBootSector.OFF_TOTAL32, "TotSec", "> " + meta + " metadata sectors", total);
        }
        long clusters = (total - meta) / spc;
        if (Math.multiplyExact(total, (long) bps) > deviceSize) {
            throw new CorruptStructureException(S, FatBootSector.OFF_TOTAL32, "TotSec",
                    "volume within device of " + deviceSize + " bytes (truncated device?)", total + " sectors of " + bps);
        }
        int bits;
        if (clusters <= FAT12_MAX_CLUSTERS) {
            bits = 12; // read only (FatVolume refuses writes): El Torito UEFI boot images are often FAT12
        } else if (clusters <= FAT16_MAX_CLUSTERS) {
            bits = 16;
        } else {
            bits = 32;
        }
        if (clusters > FAT32_MAX_CLUSTERS) {
            throw new CorruptStructureException(S, FatBootSector.OFF_TOTAL32, "cluster count", "<= " + FAT32_MAX_CLUSTERS, clusters);
        }
        if ((bits == 32) != bs.fat32Layout()) {
            throw new UnsupportedLayoutException(S, FatBootSector.OFF_FAT_SIZE16, "FATSz16",
                    bits == 32 ? "0 for " + clusters + " clusters (FAT32)" : "non-zero for " + clusters + " clusters (FAT16)",
                    bs.fatSize16());
        }
        long needed = ((clusters + 2) * bits / 8 + (bits == 12 ? 1 : 0) + bps - 1) / bps;
        if (fatSize < needed) {
            throw new CorruptStructureException(S, FatBootSector.OFF_FAT_SIZE32, "FATSz", ">= " + needed + " for " + clusters + " clusters", fatSize);
        }
        long rootCluster = 0;
        int fsInfo = 0;
        if (bits == 32) {
            if (bs.rootEntryCount() != 0) {
                throw new CorruptStructureException(S, FatBootSector.OFF_ROOT_ENTRIES, "RootEntCnt", "0 on FAT32", bs.rootEntryCount());
            }
            if (bs.fsVersion() != 0) {
                throw new UnsupportedLayoutException(S, FatBootSector.OFF_FS_VERSION, "FSVer", 0, bs.fsVersion());
            }
            rootCluster = bs.rootCluster();
            if (rootCluster < 2 || rootCluster > clusters + 1) {
                throw new CorruptStructureException(S, FatBootSector.OFF_ROOT_CLUSTER, "RootClus", "2.." + (clusters + 1), rootCluster);
            }
            fsInfo = bs.fsInfoSector();
            if (fsInfo == 0 || fsInfo == 0xFFFF || fsInfo >= bs.reservedSectors()) fsInfo = 0;
        } else if (bs.rootEntryCount() == 0) {
            throw new CorruptStructureException(S, FatBootSector.OFF_ROOT_ENTRIES, "RootEntCnt", "> 0 on FAT12/16", 0);
        }
        return new FatGeometry(bits, bps, spc, bs.reservedSectors(), bs.fatCount(), fatSize, bs.rootEntryCount(),
                rootDirSectors, total, meta, clusters, rootCluster, fsInfo);
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v).toUpperCase();
    }
}
