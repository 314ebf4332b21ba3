package dev.polyboot.formats.fat;

import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Checked walks of cluster chains: every link in range, no cluster visited twice (a cycle is reported
 * where it closes), and never longer than a cap.
 */
final class ClusterChain {
    private ClusterChain() {}

    /** All clusters of the chain from {@code first}; more than {@code cap} clusters is corruption. */
    static long[] walk(FatTable fat, long first, long cap, String what) throws IOException {
        return walk(fat, first, Math.min(cap, fat.geometry().clusterCount()), what, false);
    }

    /** The first {@code count} clusters of a file's chain; a chain ending earlier is corruption, a longer one is ignored. */
    static long[] prefix(FatTable fat, long first, long count, String what) throws IOException {
        if (count > fat.geometry().clusterCount()) {
            throw new CorruptStructureException("directory entry", 0, "size of " + what,
                    "at most " + fat.geometry().clusterCount() + " clusters", count + " clusters");
        }
        return walk(fat, first, count, what, true);
    }

    private static long[] walk(FatTable fat, long first, long limit, String what, boolean exact) throws IOException {
        fat.checkCluster(first, what);
        long[] out = new long[(int) Math.max(1, Math.min(limit, 1024))];
        BitSet visited = null;
        int n = 0;
        long c = first;
        while (c != -1) {
            if (n >= limit) {
                throw new CorruptStructureException("FAT", fat.geometry().fatOffset(0), "chain of " + what,
                        "at most " + limit + " clusters", "longer");
            }
            // Chains that only move forward cannot loop; track visits only once one steps back.
            if (visited == null && n > 0 && c <= out[n - 1]) {
                visited = new BitSet();
                for (int i = 0; i < n; i++) visited.set((int) out[i]);
            }
            if (visited != null) {
                if (visited.get((int) c)) {
                    throw new CorruptStructureException("FAT", fat.geometry().fatOffset(0), "chain of " + what,
                            "no cycle", "cluster " + c + " reached twice after " + n + " clusters");
                }
                visited.set((int) c);
            }
            if (n == out.length) out = Arrays.copyOf(out, (int) Math.min(limit, (long) out.length * 2));
            out[n++] = c;
            if (exact && n == limit) break;
            c = fat.next(c, what);
        }
        if (exact && n < limit) {
            throw new CorruptStructureException("FAT", fat.geometry().fatOffset(0), "chain of " + what,
                    limit + " clusters for its size", n + " clusters");
        }
        return Arrays.copyOf(out, n);
    }
}
