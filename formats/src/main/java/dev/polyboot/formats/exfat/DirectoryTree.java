package dev.polyboot.formats.exfat;

import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.fs.FsPaths;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Path resolution and entry-set placement: walks from the root directory by case-insensitive names (the
 * volume's up-case table), writes new entry sets into free slots and marks removed ones unused.
 */
final class DirectoryTree {
    static final String STRUCTURE = ExfatVolume.STRUCTURE;

    /** An entry found by path: the directory holding it, the entry, and the path with the names as stored. */
    record Located(Directory parent, Directory.Item item, String path) {}

    private final ClusterHeap heap;
    private final UpcaseTable upcase;
    private final long rootCluster;
    private final DirectoryGrowth.BitmapWriter writeBitmap;

    DirectoryTree(ClusterHeap heap, UpcaseTable upcase, long rootCluster, DirectoryGrowth.BitmapWriter writeBitmap) {
        this.heap = heap;
        this.upcase = upcase;
        this.rootCluster = rootCluster;
        this.writeBitmap = writeBitmap;
    }

    Directory root() throws IOException {
        return Directory.root(heap, rootCluster);
    }

    Directory reload(Directory dir) throws IOException {
        if (dir.owner == null) return root();
        Directory parent = reload(dir.owner.parent());
        Directory.Item item = find(parent, FsPaths.name(dir.path)).orElseThrow(
                () -> new NoSuchEntryException(STRUCTURE, dir.path));
        return Directory.child(heap, parent, item, dir.path);
    }

    Directory directory(String path) throws IOException {
        Directory dir = root();
        for (String name : FsPaths.split(path)) {
            Directory.Item item = find(dir, name).orElseThrow(() -> new NoSuchEntryException(STRUCTURE, path));
            if (!item.set().isDirectory()) throw new NoSuchEntryException(STRUCTURE, path + " (not a directory)");
            dir = Directory.child(heap, dir, item, FsPaths.join(dir.path, name));
        }
        return dir;
    }

    Optional<Located> locate(List<String> parts) throws IOException {
        Directory dir = root();
        for (int i = 0; i < parts.size(); i++) {
            Optional<Directory.Item> item = find(dir, parts.get(i));
            if (item.isEmpty()) return Optional.empty();
            String path = FsPaths.join(dir.path, item.get().set().name());
            if (i == parts.size() - 1) return Optional.of(new Located(dir, item.get(), path));
            if (!item.get().set().isDirectory()) return Optional.empty();
            dir = Directory.child(heap, dir, item.get(), path);
        }
        throw new IllegalArgumentException("root has no entry");
    }

    Located existing(String path) throws IOException {
        List<String> parts = FsPaths.split(path);
        if (parts.isEmpty()) throw new IllegalArgumentException("not valid for the root: " + path);
        return locate(parts).orElseThrow(() -> new NoSuchEntryException(STRUCTURE, path));
    }

    Optional<Directory.Item> find(Directory dir, String name) {
        for (Directory.Item item : dir.items) {
            if (upcase.sameName(item.set().name(), name)) return Optional.of(item);
        }
        return Optional.empty();
    }

    void markDeleted(Directory dir, Directory.Item item) throws IOException {
        int from = item.slot() * DirectoryEntries.SIZE;
        byte[] set = java.util.Arrays.copyOfRange(dir.bytes, from, from + item.set().slots() * DirectoryEntries.SIZE);
        for (int i = 0; i < set.length; i += DirectoryEntries.SIZE) set[i] &= (byte) ~DirectoryEntries.IN_USE;
        heap.write(dir.runs, from, set, 0, set.length);
    }

    /** Writes an entry set into the first free slots, growing the directory by whole clusters if needed. */
    void insert(Directory dir, FileEntrySet set) throws IOException {
        byte[] enc = set.encode();
        int n = set.slots();
        int slot = dir.findFree(n);
        if (slot < 0) {
            dir = DirectoryGrowth.grow(heap, dir, n, writeBitmap);
            slot = dir.findFree(n);
        }
        heap.write(dir.runs, (long) slot * DirectoryEntries.SIZE, enc, 0, enc.length);
        int after = slot + n;
        // Slots behind an end-of-directory marker are unused whatever they hold; keep them hidden behind one.
        if (after < dir.slotCount && after > dir.endSlot && dir.bytes[after * DirectoryEntries.SIZE] != 0) {
            heap.write(dir.runs, (long) after * DirectoryEntries.SIZE, new byte[1], 0, 1);
        }
    }

}
