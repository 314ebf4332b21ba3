package dev.polyboot.formats.exfat;

import dev.polyboot.formats.UnsupportedLayoutException;
import java.io.IOException;
import java.util.List;

/**
 * Adds clusters to a full directory (exFAT spec §6.2, §7.6.2). A NoFatChain directory stays so while the
 * next cluster is free; otherwise its clusters are written into the FAT as a chain first. The parent's
 * Stream Extension gets the new length last, after the new cluster is zeroed, marked in use and linked.
 */
final class DirectoryGrowth {
    interface BitmapWriter {
        void write() throws IOException;
    }

    private DirectoryGrowth() {}

    static Directory grow(ClusterHeap heap, Directory dir, int slotsNeeded, BitmapWriter writeBitmap) throws IOException {
        long bytes = (long) slotsNeeded * DirectoryEntries.SIZE;
        long add = (bytes + heap.clusterSize - 1) / heap.clusterSize;
        long newLength = dir.stream.dataLength() + add * heap.clusterSize;
        if (newLength > Directory.MAX_BYTES) {
            throw new UnsupportedLayoutException(Directory.STRUCTURE, 0, "directory " + dir.path + " would exceed "
                    + Directory.MAX_BYTES + " bytes");
        }
        ClusterRun last = dir.runs.get(dir.runs.size() - 1);
        ClusterRun more = takeFollowing(heap, last.end(), add);
        List<ClusterRun> added = more != null ? List.of(more) : heap.allocate(add);
        List<ClusterRun> runs = dir.runs;
        for (ClusterRun r : added) {
            heap.zero(r);
            runs = ClusterHeap.append(runs, r);
        }
        boolean noFatChain = dir.owner != null && dir.stream.noFatChain() && runs.size() == 1;
        // Bitmap before the chain: the root's length is its chain, so linking first would, if interrupted,
        // leave the root using a cluster the bitmap calls free (the next write would take it).
        writeBitmap.write();
        if (!noFatChain) heap.fat.writeChain(runs);
        if (dir.owner == null) return Directory.root(heap, dir.stream.firstCluster());
        DataStream d = new DataStream(dir.stream.firstCluster(), noFatChain, newLength, newLength);
        FileEntrySet set = dir.owner.item().set().withStream(d);
        byte[] enc = set.encode();
        Directory parent = dir.owner.parent();
        heap.write(parent.runs, (long) dir.owner.item().slot() * DirectoryEntries.SIZE, enc, 0, enc.length);
        return Directory.child(heap, parent, new Directory.Item(dir.owner.item().slot(), set), dir.path);
    }

    private static ClusterRun takeFollowing(ClusterHeap heap, long first, long count) {
        for (long c = first; c < first + count; c++) {
            if (!heap.fat.valid(c) || heap.bitmap.isUsed(c)) return null;
        }
        ClusterRun run = new ClusterRun(first, count);
        heap.bitmap.mark(run, true);
        return run;
    }
}
