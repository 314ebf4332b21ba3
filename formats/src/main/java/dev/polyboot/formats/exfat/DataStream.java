package dev.polyboot.formats.exfat;

/**
 * Where a file's or directory's content lives: the Stream Extension fields (exFAT spec §7.6) that locate it.
 *
 * @param firstCluster    first cluster, 0 when nothing is allocated
 * @param noFatChain      clusters are consecutive and the FAT is not consulted
 * @param validDataLength bytes written; reads beyond it return zeros
 * @param dataLength      size in bytes
 */
record DataStream(long firstCluster, boolean noFatChain, long validDataLength, long dataLength) {
    static final DataStream EMPTY = new DataStream(0, false, 0, 0);

    long clusters(int clusterSize) {
        return dataLength / clusterSize + (dataLength % clusterSize != 0 ? 1 : 0);
    }
}
