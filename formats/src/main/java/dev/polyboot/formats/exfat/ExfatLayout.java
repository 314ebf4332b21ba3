package dev.polyboot.formats.exfat;

import dev.polyboot.formats.UnsupportedLayoutException;

/**
 * Where a new volume's structures go, computed as exfatprogs' mkfs.exfat 1.2.0 does (measured on 8 MiB … 300 GiB
 * images): FAT at the first alignment boundary after the two boot regions, heap at the next boundary after the
 * FAT, then allocation bitmap, up-case table and root directory in clusters 2, 3, ... each in whole clusters.
 */
record ExfatLayout(int sectorSize, int clusterSize, long volumeBytes, long fatOffset, long fatLength,
                   long heapOffset, long clusterCount, long bitmapBytes, long bitmapCluster, long bitmapClusters,
                   long upcaseCluster, long upcaseClusters, long rootCluster) {

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    /** mkfs.exfat: 4 KiB up to 256 MiB, 32 KiB up to 32 GiB, 128 KiB above. */
    static int defaultClusterSize(long volumeBytes) {
        if (volumeBytes <= 256 * MIB) return (int) (4 * KIB);
        if (volumeBytes <= 32 * GIB) return (int) (32 * KIB);
        return (int) (128 * KIB);
    }

    static ExfatLayout plan(long deviceSize, int sectorSize, ExfatFormatOptions o) throws UnsupportedLayoutException {
        if (sectorSize != 512 && sectorSize != 1024 && sectorSize != 2048 && sectorSize != 4096) {
            throw new IllegalArgumentException("sector size must be 512 … 4096: " + sectorSize);
        }
        if (o.partitionOffset() % sectorSize != 0) {
            throw new IllegalArgumentException("partition offset not a multiple of the sector size: " + o.partitionOffset());
        }
        long volumeBytes = deviceSize - deviceSize % sectorSize;
        int cluster = o.clusterSize() != 0 ? o.clusterSize() : defaultClusterSize(volumeBytes);
        if (cluster < sectorSize) throw new IllegalArgumentException("cluster size below sector size: " + cluster);
        long align = Math.max(o.boundaryAlignment(), sectorSize);
        long off = o.partitionOffset();
        long fatOffset = roundUp(off + 24L * sectorSize, align) - off;
        long fatLength = roundUp(volumeBytes / cluster * 4, cluster);
        long heapOffset = roundUp(off + fatOffset + fatLength, align) - off;
        long clusterCount = heapOffset < volumeBytes ? Math.min((volumeBytes - heapOffset) / cluster, ExfatBootSector.MAX_CLUSTER_COUNT) : 0;
        long bitmapBytes = (clusterCount + 7) / 8;
        long bitmapClusters = Math.max(1, ceilDiv(bitmapBytes, cluster));
        long upcaseCluster = 2 + bitmapClusters;
        long upcaseClusters = ceilDiv(UpcaseTable.recommendedBytes().length, cluster);
        long rootCluster = upcaseCluster + upcaseClusters;
        if (clusterCount < rootCluster - 1 || heapOffset / sectorSize > 0xFFFF_FFFFL) {
            throw new UnsupportedLayoutException("exFAT layout", 0, "volume of " + volumeBytes
                    + " bytes too small for cluster size " + cluster + " and alignment " + align);
        }
        return new ExfatLayout(sectorSize, cluster, volumeBytes, fatOffset, fatLength, heapOffset, clusterCount,
                bitmapBytes, 2, bitmapClusters, upcaseCluster, upcaseClusters, rootCluster);
    }

    /** Clusters the formatter uses: bitmap, up-case table, root directory. */
    long usedClusters() {
        return rootCluster - 1;
    }

    long clusterOffset(long cluster) {
        return heapOffset + (cluster - 2) * clusterSize;
    }

    static long roundUp(long v, long unit) {
        return ceilDiv(v, unit) * unit;
    }

    static long ceilDiv(long v, long unit) {
        return (v + unit - 1) / unit;
    }
}
