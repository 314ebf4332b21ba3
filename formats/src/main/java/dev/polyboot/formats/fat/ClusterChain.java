package dev.polyboot.formats.fat;

import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.util.Arrays;

/** Checked walks of cluster chains: every link in range, and never longer than a cap (so cycles end). */
final class ClusterChain {
    private ClusterChain() {}

    /**
     * All clusters of the chain from {@code first}, at most {@code cap}; a longer chain is corruption
     * (the caller's cap is never above the cluster count, so a cycle always ends up here).
     */
    static long[] walk(FatTable fat, long first, long cap, String what) throws IOException {
        fat.checkCluster(first, what);
        long limit = Math.min(cap, fat.geometry().clusterCount());
        long[] out = new long[(int) Math.min(limit, 1024)];
        int n = 0;
        long c = first;
        while (c != -1) {
            if (n >= limit) {
                throw new CorruptStructureException("FAT", fat.geometry().fatOffset(0), "chain of " + what,
                        "at most " + limit + " clusters (no cycle)", "longer");
            }
            if (n == out.length) out = Arrays.copyOf(out, (int) Math.min(limit, (long) out.length * 2));
            out[n++] = c;
            c = fat.next(c, what);
        }
        return Arrays.copyOf(out, n);
    }

    /** The first {@code count} clusters of a file's chain; a chain ending earlier is corruption, a longer one is ignored. */
    static long[] prefix(FatTable fat, long first, long count, String what) throws IOException {
        fat.checkCluster(first, what);
        if (count > fat.geometry().clusterCount()) {
            throw new CorruptStructureException("directory entry", 0, "size of " + what,
                    "at most " + fat.geometry().clusterCount() + " clusters", count + " clusters");
        }
        long[] out = new long[(int) count];
        long c = first;
        for (int i = 0; i < count; i++) {
            if (c == -1) {
                throw new CorruptStructureException("FAT", fat.geometry().fatOffset(0), "chain of " + what,
                        count + " clusters for its size", i + " clusters");
            }
            out[i] = c;
            c = i + 1 < count ? fat.next(c, what) : c;
        }
        return out;
    }
}
