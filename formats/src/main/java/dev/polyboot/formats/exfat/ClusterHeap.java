package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.VolumeFullException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cluster-level access to an open volume: turns data streams into validated cluster runs, reads and writes
 * stream bytes, allocates and frees clusters (bitmap in memory, FAT on disk).
 */
final class ClusterHeap {
    final BlockDevice dev;
    final Fat fat;
    final int clusterSize;
    final long heapOffset;
    final long clusterCount;
    AllocationBitmap bitmap;

    ClusterHeap(BlockDevice dev, ExfatBootSector boot) {
        this.dev = dev;
        this.clusterSize = boot.clusterSize();
        this.heapOffset = boot.heapOffsetBytes();
        this.clusterCount = boot.clusterCount();
        this.fat = new Fat(dev, boot.fatOffsetBytes(), clusterCount);
    }

    long offsetOf(long cluster) {
        return heapOffset + (cluster - 2) * clusterSize;
    }

    /** The runs holding a stream's allocation, checked against the heap; {@code entryOffset} names the owner. */
    List<ClusterRun> runs(DataStream d, String owner, long entryOffset) throws IOException {
        long needed = d.clusters(clusterSize);
        if (needed == 0) return List.of();
        if (needed > clusterCount) {
            throw new CorruptStructureException(FileEntrySet.STRUCTURE, entryOffset, "DataLength of " + owner,
                    "<= " + clusterCount * clusterSize, d.dataLength());
        }
        if (d.noFatChain()) {
            long last = d.firstCluster() + needed - 1;
            if (!fat.valid(d.firstCluster()) || !fat.valid(last)) {
                throw new CorruptStructureException(FileEntrySet.STRUCTURE, entryOffset, "FirstCluster of " + owner,
                        "2.." + (clusterCount + 2 - needed), d.firstCluster());
            }
            return List.of(new ClusterRun(d.firstCluster(), needed));
        }
        return fat.walk(d.firstCluster(), needed, owner, entryOffset);
    }

    static long clusters(List<ClusterRun> runs) {
        long n = 0;
        for (ClusterRun r : runs) n += r.count();
        return n;
    }

    /** Device offset of byte {@code pos} of a stream, and how many bytes from there stay contiguous. */
    long[] locate(List<ClusterRun> runs, long pos) {
        long base = 0;
        for (ClusterRun r : runs) {
            long bytes = r.count() * clusterSize;
            if (pos < base + bytes) return new long[] {offsetOf(r.first()) + (pos - base), base + bytes - pos};
            base += bytes;
        }
        throw new IllegalArgumentException("position " + pos + " beyond allocation of " + base);
    }

    void read(List<ClusterRun> runs, long pos, byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            long[] at = locate(runs, pos);
            int n = (int) Math.min(len, at[1]);
            dev.read(at[0], ByteBuffer.wrap(dst, off, n));
            pos += n;
            off += n;
            len -= n;
        }
    }

    void write(List<ClusterRun> runs, long pos, byte[] src, int off, int len) throws IOException {
        while (len > 0) {
            long[] at = locate(runs, pos);
            int n = (int) Math.min(len, at[1]);
            dev.write(at[0], ByteBuffer.wrap(src, off, n));
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Allocates n clusters: one run by first fit if possible, else the lowest free ones; marks them in memory. */
    List<ClusterRun> allocate(long n) throws VolumeFullException {
        if (n == 0) return List.of();
        if (bitmap.freeClusters() < n) {
            throw new VolumeFullException("exFAT volume", n * clusterSize, bitmap.freeClusters() * clusterSize);
        }
        long first = bitmap.findRun(n);
        List<ClusterRun> runs = first >= 0 ? List.of(new ClusterRun(first, n)) : bitmap.findScattered(n);
        for (ClusterRun r : runs) bitmap.mark(r, true);
        return runs;
    }

    /** Takes one specific cluster if free. */
    boolean tryTake(long cluster) {
        if (!fat.valid(cluster) || bitmap.isUsed(cluster)) return false;
        bitmap.mark(new ClusterRun(cluster, 1), true);
        return true;
    }

    void release(List<ClusterRun> runs) {
        for (ClusterRun r : runs) bitmap.mark(r, false);
    }

    void zero(ClusterRun run) throws IOException {
        dev.zero(offsetOf(run.first()), run.count() * clusterSize);
    }

    static List<ClusterRun> append(List<ClusterRun> runs, ClusterRun more) {
        List<ClusterRun> out = new ArrayList<>(runs);
        if (!out.isEmpty() && out.get(out.size() - 1).end() == more.first()) {
            ClusterRun last = out.remove(out.size() - 1);
            out.add(new ClusterRun(last.first(), last.count() + more.count()));
        } else {
            out.add(more);
        }
        return out;
    }
}
