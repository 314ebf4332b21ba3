package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.fs.Volume;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.ExtentFileChannel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An exFAT volume opened in-process. Reads check every structure against the spec; writes put the data
 * first, then the FAT and bitmap, and the directory entry last, so an interrupted write leaves at worst
 * allocated-but-unreferenced clusters, never a file that points at garbage. Not thread-safe: one caller at a
 * time. {@link #extents} reports offsets on the device the volume was opened on (a partition slice: add its start).
 */
public final class ExfatVolume implements Volume {
    static final String STRUCTURE = "exFAT volume";
    /** Data is streamed in writes of this size. */
    static final int WRITE_BUFFER = 4 << 20;

    private final BlockDevice dev;
    private final Clock clock;
    private final ClusterHeap heap;
    private final UpcaseTable upcase;
    private final String label;
    private final List<ClusterRun> bitmapRuns;
    private final DirectoryTree tree;
    private ExfatBootSector boot;
    private boolean dirty;
    /** Another implementation left the volume dirty: we must not claim it clean (§3.1.13.2). */
    private final boolean dirtyWhenOpened;

    private ExfatVolume(BlockDevice dev, Clock clock, ExfatBootSector boot, ClusterHeap heap, UpcaseTable upcase,
                        String label, List<ClusterRun> bitmapRuns) {
        this.dev = dev;
        this.clock = clock;
        this.boot = boot;
        this.heap = heap;
        this.upcase = upcase;
        this.label = label;
        this.bitmapRuns = bitmapRuns;
        this.tree = new DirectoryTree(heap, upcase, boot.rootCluster(), this::writeBitmap);
        this.dirtyWhenOpened = (boot.volumeFlags() & ExfatBootSector.FLAG_VOLUME_DIRTY) != 0;
    }

    public static ExfatVolume open(BlockDevice dev, Clock clock) throws IOException {
        ExfatBootSector boot = ExfatBootRegion.read(dev);
        ClusterHeap heap = new ClusterHeap(dev, boot);
        RootEntries root = RootEntries.read(heap, Directory.root(heap, boot.rootCluster()));
        return new ExfatVolume(dev, clock, boot, heap, root.upcase(), root.label(), root.bitmapRuns());
    }

    @Override public String label() { return label; }
    @Override public long totalBytes() { return heap.clusterCount * heap.clusterSize; }
    @Override public long freeBytes() { return heap.bitmap.freeClusters() * heap.clusterSize; }
    @Override public int clusterSize() { return heap.clusterSize; }

    /** VolumeSerialNumber from the boot sector. */
    public long volumeSerial() { return boot.volumeSerial(); }

    @Override
    public List<FsEntry> list(String dirPath) throws IOException {
        Directory dir = tree.directory(dirPath);
        List<FsEntry> out = new ArrayList<>(dir.items.size());
        for (Directory.Item item : dir.items) out.add(entry(FsPaths.join(dir.path, item.set().name()), item.set()));
        return out;
    }

    @Override
    public Optional<FsEntry> stat(String path) throws IOException {
        List<String> parts = FsPaths.split(path);
        if (parts.isEmpty()) return Optional.of(new FsEntry("", "/", true, 0, null));
        Optional<DirectoryTree.Located> loc = tree.locate(parts);
        return loc.map(l -> entry(l.path(), l.item().set()));
    }

    private static FsEntry entry(String path, FileEntrySet set) {
        return new FsEntry(set.name(), path, set.isDirectory(), set.isDirectory() ? 0 : set.data().dataLength(),
                set.modified().toLocalDateTime());
    }

    @Override
    public void mkdirs(String dirPath) throws IOException {
        checkWritable();
        Directory dir = tree.root();
        for (String name : FsPaths.split(dirPath)) {
            Optional<Directory.Item> item = tree.find(dir, name);
            if (item.isEmpty()) {
                FileEntrySet.checkName(name);
                List<ClusterRun> runs = heap.allocate(1);
                heap.zero(runs.get(0));
                markDirty();
                writeBitmap();
                DataStream d = new DataStream(runs.get(0).first(), true, heap.clusterSize, heap.clusterSize);
                tree.insert(dir, FileEntrySet.create(name, true, d, ExfatTimestamp.now(clock), upcase));
                dir = tree.reload(dir);
                item = tree.find(dir, name);
                if (item.isEmpty()) {
                    throw new CorruptStructureException(Directory.STRUCTURE, dir.slotOffset(heap, 0), "new entry " + name,
                            "visible after writing", "not found (directory structure inconsistent)");
                }
            }
            if (!item.get().set().isDirectory()) throw new EntryExistsException(STRUCTURE, FsPaths.join(dir.path, name));
            dir = Directory.child(heap, dir, item.get(), FsPaths.join(dir.path, name));
        }
    }

    @Override
    public void writeFile(String path, InputStream in, long length) throws IOException {
        checkWritable();
        if (length < 0) throw new IllegalArgumentException("negative length " + length);
        String name = FsPaths.name(path);
        FileEntrySet.checkName(name);
        Directory parent = tree.directory(FsPaths.parent(path));
        if (tree.find(parent, name).isPresent()) throw new EntryExistsException(STRUCTURE, path);
        List<ClusterRun> runs = heap.allocate((length + heap.clusterSize - 1) / heap.clusterSize);
        boolean done = false;
        try {
            copy(in, runs, length);
            if (runs.size() > 1) heap.fat.writeChain(runs);
            markDirty();
            writeBitmap();
            DataStream d = runs.isEmpty() ? DataStream.EMPTY
                    : new DataStream(runs.get(0).first(), runs.size() == 1, length, length);
            tree.insert(parent, FileEntrySet.create(name, false, d, ExfatTimestamp.now(clock), upcase));
            done = true;
        } finally {
            if (!done) {
                heap.release(runs);
                writeBitmap();
            }
        }
    }

    /** Streams exactly {@code length} bytes into the clusters, zero-filling the tail of the last one. */
    private void copy(InputStream in, List<ClusterRun> runs, long length) throws IOException {
        long allocated = ClusterHeap.clusters(runs) * heap.clusterSize;
        byte[] buf = new byte[(int) Math.min(WRITE_BUFFER, Math.max(allocated, 1))];
        long pos = 0;
        while (pos < allocated) {
            int chunk = (int) Math.min(buf.length, allocated - pos);
            int fromStream = (int) Math.min(chunk, Math.max(0, length - pos));
            int got = 0;
            while (got < fromStream) {
                int n = in.read(buf, got, fromStream - got);
                if (n < 0) throw new EOFException("stream ended after " + (pos + got) + " of " + length + " bytes");
                got += n;
            }
            java.util.Arrays.fill(buf, fromStream, chunk, (byte) 0);
            heap.write(runs, pos, buf, 0, chunk);
            pos += chunk;
        }
    }

    @Override
    public SeekableByteChannel open(String path) throws IOException {
        FileEntrySet set = tree.existing(path).item().set();
        if (set.isDirectory()) throw new IllegalArgumentException("is a directory: " + path);
        DataStream d = set.data();
        // Bytes at or beyond ValidDataLength read as zeros (exFAT spec §7.6.5): no extent of the sparse channel covers them.
        return ExtentFileChannel.sparse(dev, extents(path, d.validDataLength()), d.dataLength(), "exFAT file " + path);
    }

    @Override
    public List<Extent> extents(String path) throws IOException {
        return extents(path, Long.MAX_VALUE);
    }

    /** The extents of the file's first {@code limit} bytes. */
    private List<Extent> extents(String path, long limit) throws IOException {
        DirectoryTree.Located loc = tree.existing(path);
        DataStream d = loc.item().set().data();
        long end = Math.min(d.dataLength(), limit);
        List<Extent> out = new ArrayList<>();
        long fileOffset = 0;
        for (ClusterRun r : heap.runs(d, path, loc.parent().slotOffset(heap, loc.item().slot()))) {
            if (fileOffset >= end) break;
            long len = Math.min(r.count() * heap.clusterSize, end - fileOffset);
            out.add(new Extent(fileOffset, heap.offsetOf(r.first()), len));
            fileOffset += len;
        }
        return out;
    }

    @Override
    public void delete(String path) throws IOException {
        checkWritable();
        DirectoryTree.Located loc = tree.existing(path);
        FileEntrySet set = loc.item().set();
        long entryOffset = loc.parent().slotOffset(heap, loc.item().slot());
        if (set.isDirectory() && !Directory.child(heap, loc.parent(), loc.item(), path).items.isEmpty()) {
            throw new DirectoryNotEmptyException(path);
        }
        List<ClusterRun> runs = heap.runs(set.data(), path, entryOffset);
        markDirty();
        tree.markDeleted(loc.parent(), loc.item());
        heap.release(runs);
        writeBitmap();
        if (!set.data().noFatChain()) heap.fat.clear(runs);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        checkWritable();
        DirectoryTree.Located src = tree.existing(from);
        List<String> fromParts = FsPaths.split(from);
        List<String> toParts = FsPaths.split(to);
        if (toParts.isEmpty()) throw new IllegalArgumentException("cannot rename onto the root");
        if (src.item().set().isDirectory() && toParts.size() > fromParts.size() && fromParts.equals(toParts.subList(0, fromParts.size()))) {
            throw new IllegalArgumentException("cannot move a directory into itself: " + from + " -> " + to);
        }
        String name = toParts.get(toParts.size() - 1);
        FileEntrySet.checkName(name);
        Directory target = tree.directory(FsPaths.parent(to));
        boolean sameDir = target.stream.firstCluster() == src.parent().stream.firstCluster();
        Optional<Directory.Item> existing = tree.find(target, name);
        if (existing.isPresent() && !(sameDir && existing.get().slot() == src.item().slot())) {
            throw new EntryExistsException(STRUCTURE, to);
        }
        FileEntrySet renamed = src.item().set().withName(name, upcase);
        markDirty();
        if (sameDir && renamed.slots() == src.item().set().slots()) {
            byte[] enc = renamed.encode();
            heap.write(src.parent().runs, (long) src.item().slot() * DirectoryEntries.SIZE, enc, 0, enc.length);
            return;
        }
        tree.insert(target, renamed);
        tree.markDeleted(src.parent(), src.item());
    }

    @Override
    public void flush() throws IOException {
        if (!dirty) return;
        writeBitmap();
        int percent = (int) (heap.bitmap.usedClusters() * 100 / heap.clusterCount);
        int flags = dirtyWhenOpened ? boot.volumeFlags() : boot.volumeFlags() & ~ExfatBootSector.FLAG_VOLUME_DIRTY;
        boot = boot.withFlags(flags, percent);
        ExfatBootRegion.writeFlags(dev, boot);
        dev.flush();
        dirty = false;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** The entry sets of a directory in on-disk order, for tests that check stored fields. */
    List<FileEntrySet> entrySets(String dirPath) throws IOException {
        return tree.directory(dirPath).items.stream().map(Directory.Item::set).toList();
    }

    // ---- internals ----

    private void checkWritable() throws IOException {
        if (dev.isReadOnly()) throw new IOException("exFAT volume is on a read-only device");
    }

    /** VolumeDirty is set before the first change and cleared by flush (§3.1.13.2). */
    private void markDirty() throws IOException {
        if (dirty) return;
        boot = boot.withFlags(boot.volumeFlags() | ExfatBootSector.FLAG_VOLUME_DIRTY, boot.percentInUse());
        ExfatBootRegion.writeFlags(dev, boot);
        dirty = true;
    }

    private void writeBitmap() throws IOException {
        int[] range = heap.bitmap.takeDirtyRange();
        if (range == null) return;
        heap.write(bitmapRuns, range[0], heap.bitmap.bytes(), range[0], range[1] - range[0]);
    }

}
