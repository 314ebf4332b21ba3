package dev.polyboot.formats.exfat;

import java.util.ArrayList;
import java.util.List;

/**
 * The allocation bitmap (exFAT spec §7.1.5), held in memory (one bit per cluster: 300 KB for 300 GiB at
 * 128 KiB clusters). Bit 0 of byte 0 is cluster 2. Changed bytes are remembered so only they are written back.
 */
final class AllocationBitmap {
    private final byte[] bits;
    private final long clusterCount;
    private int dirtyFrom = Integer.MAX_VALUE;
    private int dirtyTo = -1;
    private long used;

    AllocationBitmap(byte[] bits, long clusterCount) {
        this.bits = bits;
        this.clusterCount = clusterCount;
        for (long c = 0; c < clusterCount; c++) {
            if ((bits[(int) (c >>> 3)] & (1 << (c & 7))) != 0) used++;
        }
    }

    byte[] bytes() { return bits; }

    long usedClusters() { return used; }

    long freeClusters() { return clusterCount - used; }

    boolean isUsed(long cluster) {
        long i = cluster - 2;
        return (bits[(int) (i >>> 3)] & (1 << (i & 7))) != 0;
    }

    void mark(ClusterRun run, boolean inUse) {
        for (long c = run.first(); c < run.end(); c++) {
            long i = c - 2;
            int at = (int) (i >>> 3);
            int mask = 1 << (i & 7);
            boolean was = (bits[at] & mask) != 0;
            if (was == inUse) continue;
            bits[at] = (byte) (inUse ? bits[at] | mask : bits[at] & ~mask);
            used += inUse ? 1 : -1;
            dirtyFrom = Math.min(dirtyFrom, at);
            dirtyTo = Math.max(dirtyTo, at);
        }
    }

    /** First fit: the lowest cluster starting {@code n} free consecutive clusters, or -1. */
    long findRun(long n) {
        long runStart = -1;
        long runLength = 0;
        long i = 0;
        while (i < clusterCount) {
            if ((i & 7) == 0 && i + 8 <= clusterCount) {
                int b = bits[(int) (i >>> 3)] & 0xFF;
                if (b == 0xFF) {
                    runLength = 0;
                    i += 8;
                    continue;
                }
                if (b == 0 && runLength + 8 < n) {
                    if (runLength == 0) runStart = i;
                    runLength += 8;
                    i += 8;
                    continue;
                }
            }
            if ((bits[(int) (i >>> 3)] & (1 << (i & 7))) == 0) {
                if (runLength == 0) runStart = i;
                if (++runLength >= n) return runStart + 2;
            } else {
                runLength = 0;
            }
            i++;
        }
        return -1;
    }

    /** The lowest {@code n} free clusters as runs; fewer if the volume has fewer. */
    List<ClusterRun> findScattered(long n) {
        List<ClusterRun> runs = new ArrayList<>();
        long found = 0;
        long start = -1;
        for (long i = 0; i < clusterCount && found < n; i++) {
            boolean free = (bits[(int) (i >>> 3)] & (1 << (i & 7))) == 0;
            if (free) {
                if (start < 0) start = i;
                found++;
            }
            if (!free && start >= 0) {
                runs.add(new ClusterRun(start + 2, i - start));
                start = -1;
            }
            if (found == n && start >= 0) {
                runs.add(new ClusterRun(start + 2, i - start + 1));
                start = -1;
            }
        }
        if (start >= 0) runs.add(new ClusterRun(start + 2, clusterCount - start));
        return runs;
    }

    /** [from, to) byte range changed since the last call, or null. */
    int[] takeDirtyRange() {
        if (dirtyTo < 0) return null;
        int[] r = {dirtyFrom, dirtyTo + 1};
        dirtyFrom = Integer.MAX_VALUE;
        dirtyTo = -1;
        return r;
    }
}
