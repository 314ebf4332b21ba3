package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The File Allocation Table (exFAT spec §4): one u32 per cluster, read through a small window cache because
 * a 2 TB volume's FAT does not fit comfortably in memory. Walks are capped at the cluster count, so a cycle
 * in a hostile chain ends as a {@link CorruptStructureException} instead of a hang.
 */
final class Fat {
    static final String STRUCTURE = "exFAT FAT";
    static final long END_OF_CHAIN = 0xFFFF_FFFFL;
    static final long BAD_CLUSTER = 0xFFFF_FFF7L;
    static final long MEDIA = 0xFFFF_FFF8L;
    private static final int WINDOW = 64 * 1024;

    private final BlockDevice dev;
    private final long offset;
    private final long clusterCount;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart = -1;
    private int windowLength;

    Fat(BlockDevice dev, long offset, long clusterCount) {
        this.dev = dev;
        this.offset = offset;
        this.clusterCount = clusterCount;
    }

    long entryOffset(long cluster) {
        return offset + cluster * 4;
    }

    long get(long cluster) throws IOException {
        long at = cluster * 4;
        if (windowStart < 0 || at < windowStart || at + 4 > windowStart + windowLength) {
            windowStart = at - at % WINDOW;
            windowLength = (int) Math.min(WINDOW, (clusterCount + 2) * 4 - windowStart);
            window.clear().limit(windowLength);
            dev.read(offset + windowStart, window);
        }
        return Integer.toUnsignedLong(window.getInt((int) (at - windowStart)));
    }

    boolean valid(long cluster) {
        return cluster >= 2 && cluster <= clusterCount + 1;
    }

    /**
     * Follows the chain from {@code first} for {@code needed} clusters (or to its end when {@code needed < 0}),
     * returning consecutive clusters merged into runs.
     */
    List<ClusterRun> walk(long first, long needed, String owner, long ownerOffset) throws IOException {
        List<ClusterRun> runs = new ArrayList<>();
        long cluster = first;
        long runStart = first;
        long runLength = 0;
        long steps = 0;
        long limit = needed < 0 ? clusterCount : needed;
        // Runs already left behind, start -> end: a cluster inside one of them means the chain loops.
        java.util.TreeMap<Long, Long> visited = new java.util.TreeMap<>();
        long previous = -1;
        while (true) {
            if (!valid(cluster)) {
                throw new CorruptStructureException(STRUCTURE, steps == 0 ? ownerOffset : entryOffset(previous),
                        "cluster of " + owner, "2.." + (clusterCount + 1), cluster);
            }
            java.util.Map.Entry<Long, Long> before = visited.floorEntry(cluster);
            boolean seen = before != null && cluster < before.getValue()
                    || runLength > 0 && cluster >= runStart && cluster < runStart + runLength;
            if (seen) {
                throw new CorruptStructureException(STRUCTURE, entryOffset(previous), "chain of " + owner,
                        "no cluster twice", "cycle back to cluster " + cluster);
            }
            previous = cluster;
            if (runLength > 0 && cluster == runStart + runLength) {
                runLength++;
            } else {
                if (runLength > 0) {
                    runs.add(new ClusterRun(runStart, runLength));
                    visited.put(runStart, runStart + runLength);
                }
                runStart = cluster;
                runLength = 1;
            }
            steps++;
            if (needed >= 0 && steps == needed) break;
            long next = get(cluster);
            if (next == END_OF_CHAIN) {
                if (needed >= 0) {
                    throw new CorruptStructureException(STRUCTURE, entryOffset(cluster), "chain length of " + owner,
                            needed + " clusters", steps + " clusters");
                }
                break;
            }
            if (steps >= limit) {
                throw new CorruptStructureException(STRUCTURE, entryOffset(cluster), "chain of " + owner,
                        "end within " + limit + " clusters", "longer (cycle?)");
            }
            cluster = next;
        }
        runs.add(new ClusterRun(runStart, runLength));
        return runs;
    }

    /** Links the runs into one chain ending in END_OF_CHAIN, writing each run's entries at once. */
    void writeChain(List<ClusterRun> runs) throws IOException {
        for (int r = 0; r < runs.size(); r++) {
            ClusterRun run = runs.get(r);
            long last = r + 1 < runs.size() ? runs.get(r + 1).first() : END_OF_CHAIN;
            long done = 0;
            while (done < run.count()) {
                int n = (int) Math.min(run.count() - done, 256 * 1024);
                ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    long c = run.first() + done + i;
                    b.putInt((int) (c + 1 == run.end() ? last : c + 1));
                }
                dev.write(entryOffset(run.first() + done), b.flip());
                done += n;
            }
        }
        windowStart = -1;
    }

    void set(long cluster, long value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) value);
        dev.write(entryOffset(cluster), b);
        windowStart = -1;
    }

    /** Marks clusters as not chained (0); the bitmap is what says they are free, this just keeps the FAT tidy. */
    void clear(List<ClusterRun> runs) throws IOException {
        for (ClusterRun run : runs) {
            long done = 0;
            while (done < run.count()) {
                int n = (int) Math.min(run.count() - done, 256 * 1024);
                dev.write(entryOffset(run.first() + done), ByteBuffer.allocate(n * 4));
                done += n;
            }
        }
        windowStart = -1;
    }
}
