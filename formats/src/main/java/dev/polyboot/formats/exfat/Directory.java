package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One directory read whole into memory: its 32-byte slots, the file entry sets in on-disk order, and where
 * each slot lies on the device. Reloaded for every operation, so it never goes stale.
 */
final class Directory {
    static final String STRUCTURE = "exFAT directory";
    /** The spec caps directories at 256 MiB (§6.2); we refuse more than 32 MiB (about 340,000 files) in memory. */
    static final long MAX_BYTES = 32L << 20;

    /** A file entry set and the slot its File entry occupies. */
    record Item(int slot, FileEntrySet set) {}

    /** The entry in the parent directory that describes this directory; null for the root. */
    record Owner(Directory parent, Item item) {}

    final String path;
    final Owner owner;
    final DataStream stream;
    final List<ClusterRun> runs;
    final byte[] bytes;
    final int slotCount;
    final List<Item> items;
    /** Slot of the end-of-directory marker (or slotCount): every slot from here on is unused. */
    final int endSlot;
    /** Slots the scan saw as part of an entry set or in use; only the others may take a new set. */
    private final java.util.BitSet occupied = new java.util.BitSet();

    private Directory(String path, Owner owner, DataStream stream, List<ClusterRun> runs, byte[] bytes, ClusterHeap heap)
            throws CorruptStructureException {
        this.path = path;
        this.owner = owner;
        this.stream = stream;
        this.runs = runs;
        this.bytes = bytes;
        this.slotCount = bytes.length / DirectoryEntries.SIZE;
        List<Item> found = new ArrayList<>();
        int slot = 0;
        while (slot < slotCount) {
            int type = bytes[slot * DirectoryEntries.SIZE] & 0xFF;
            if (type == DirectoryEntries.END_OF_DIRECTORY) break;
            int length = 1;
            if (type == DirectoryEntries.FILE) {
                FileEntrySet set = FileEntrySet.decode(bytes, slot, slotCount, slotOffset(heap, slot));
                found.add(new Item(slot, set));
                length = set.slots();
            } else if ((type & (DirectoryEntries.IN_USE | DirectoryEntries.SECONDARY)) == DirectoryEntries.IN_USE
                    && (type & 0x20) != 0) {
                // Benign primaries (GUID, padding, vendor) carry their own secondaries; skip them as a set.
                length = (int) Math.min(1 + (bytes[slot * DirectoryEntries.SIZE + 1] & 0xFF), slotCount - slot);
            }
            if (length > 1 || (type & DirectoryEntries.IN_USE) != 0) occupied.set(slot, slot + length);
            slot += length;
        }
        this.items = List.copyOf(found);
        this.endSlot = Math.min(slot, slotCount);
    }

    static Directory root(ClusterHeap heap, long firstCluster) throws IOException {
        List<ClusterRun> runs = heap.fat.walk(firstCluster, -1, "root directory", heap.fat.entryOffset(firstCluster));
        long length = checkedLength(ClusterHeap.clusters(runs) * heap.clusterSize, heap.fat.entryOffset(firstCluster));
        DataStream stream = new DataStream(firstCluster, false, length, length);
        return new Directory("/", null, stream, runs, read(heap, runs, length), heap);
    }

    static Directory child(ClusterHeap heap, Directory parent, Item item, String path) throws IOException {
        DataStream d = item.set().data();
        long entryOffset = parent.slotOffset(heap, item.slot());
        checkedLength(d.dataLength(), entryOffset);
        if (d.dataLength() == 0 || d.dataLength() % DirectoryEntries.SIZE != 0) {
            throw new CorruptStructureException(STRUCTURE, entryOffset, "DataLength of " + path,
                    "non-zero multiple of 32", d.dataLength());
        }
        List<ClusterRun> runs = heap.runs(d, path, entryOffset);
        return new Directory(path, new Owner(parent, item), d, runs, read(heap, runs, d.dataLength()), heap);
    }

    private static long checkedLength(long length, long offset) throws UnsupportedLayoutException {
        if (length > MAX_BYTES) {
            throw new UnsupportedLayoutException(STRUCTURE, offset, "DataLength", "<= " + MAX_BYTES, length);
        }
        return length;
    }

    private static byte[] read(ClusterHeap heap, List<ClusterRun> runs, long length) throws IOException {
        byte[] b = new byte[(int) length];
        heap.read(runs, 0, b, 0, b.length);
        return b;
    }

    long slotOffset(ClusterHeap heap, int slot) {
        return heap.locate(runs, (long) slot * DirectoryEntries.SIZE)[0];
    }

    /** First slot of {@code n} consecutive unused slots, or -1 if the directory must grow. */
    int findFree(int n) {
        int run = 0;
        for (int slot = 0; slot < slotCount; slot++) {
            boolean free = slot >= endSlot || !occupied.get(slot);
            run = free ? run + 1 : 0;
            if (run == n) return slot - n + 1;
        }
        return -1;
    }
}
