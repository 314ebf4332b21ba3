package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.InconsistentVolumeException;
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
 * allocated-but-unreferenced clusters, never a file that points at garbage. Before the first change of a
 * session the whole volume is checked ({@link ExfatCheck}); any ERROR refuses every write with an
 * {@link InconsistentVolumeException} and nothing is written, because the allocator trusts the bitmap. Renames and
 * {@link #replace} remove the source entry before the target entry is written, so no interruption leaves two
 * entries sharing clusters. Not thread-safe: one caller at a time. {@link #extents} reports offsets on the device the volume was opened on (a partition slice: add its start).
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
    /** The check run before the first change of this session; null until then. */
    private ExfatCheckReport guardReport;

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

    /** VolumeSerialNumber of the exFAT volume on {@code dev}, from its boot region (without opening the volume). */
    public static long serialOf(BlockDevice dev) throws IOException {
        return ExfatBootRegion.read(dev).volumeSerial();
    }

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
        guard();
        Directory dir = tree.root();
        for (String name : FsPaths.split(dirPath)) {
            Optional<Directory.Item> item = tree.find(dir, name);
            if (item.isEmpty()) {
                checkNewName(name);
                List<ClusterRun> runs = heap.allocate(1);
                heap.zero(runs.get(0));
                markDirty();
                writeBitmap();
                barrier();
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
        if (length < 0) throw new IllegalArgumentException("negative length " + length);
        String name = FsPaths.name(path);
        checkNewName(name);
        guard();
        Directory parent = tree.directory(FsPaths.parent(path));
        if (tree.find(parent, name).isPresent()) throw new EntryExistsException(STRUCTURE, path);
        List<ClusterRun> runs = heap.allocate((length + heap.clusterSize - 1) / heap.clusterSize);
        boolean done = false;
        try {
            copy(in, runs, length);
            if (runs.size() > 1) heap.fat.writeChain(runs);
            markDirty();
            writeBitmap();
            barrier();
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
        guard();
        DirectoryTree.Located loc = tree.existing(path);
        FileEntrySet set = loc.item().set();
        long entryOffset = loc.parent().slotOffset(heap, loc.item().slot());
        if (set.isDirectory() && !Directory.child(heap, loc.parent(), loc.item(), path).items.isEmpty()) {
            throw new DirectoryNotEmptyException(path);
        }
        List<ClusterRun> runs = heap.runs(set.data(), path, entryOffset);
        markDirty();
        tree.markDeleted(loc.parent(), loc.item());
        barrier();
        heap.release(runs);
        writeBitmap();
        if (!set.data().noFatChain()) heap.fat.clear(runs);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        guard();
        DirectoryTree.Located src = tree.existing(from);
        List<String> toParts = FsPaths.split(to);
        if (toParts.isEmpty()) throw new IllegalArgumentException("cannot rename onto the root");
        if (src.item().set().isDirectory() && inside(toParts, FsPaths.split(from))) {
            throw new IllegalArgumentException("cannot move a directory into itself: " + from + " -> " + to);
        }
        String name = toParts.get(toParts.size() - 1);
        checkNewName(name);
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
        if (target.findFree(renamed.slots()) < 0) {
            // Room first: growing after the source entry is gone could fail (volume full) and lose the entry.
            DirectoryGrowth.grow(heap, target, renamed.slots(), this::writeBitmap);
            src = tree.existing(from);
            target = tree.directory(FsPaths.parent(to));
        }
        // Source first: an interruption between the two writes leaves the clusters unreferenced (lost clusters,
        // which fsck frees), never two entry sets sharing them. The old set stays in its slots, marked unused:
        // the target's occupied slots were taken before the delete, so the new set goes elsewhere.
        tree.markDeleted(src.parent(), src.item());
        barrier();
        try {
            tree.insert(target, renamed);
        } catch (IOException | RuntimeException e) {
            restore(src);
            throw e;
        }
    }

    /**
     * Moves file {@code from} onto existing file {@code to}: marks {@code from}'s entry set unused, rewrites
     * {@code to}'s set in place with {@code from}'s stream (same name, same slot count: one write), then frees
     * {@code to}'s old clusters. Every prefix of these writes leaves {@code to} old or new, clusters at worst lost.
     */
    @Override
    public void replace(String from, String to) throws IOException {
        guard();
        Optional<DirectoryTree.Located> dst = tree.locate(FsPaths.split(to));
        if (dst.isEmpty()) {
            rename(from, to);
            return;
        }
        DirectoryTree.Located src = tree.existing(from);
        if (src.item().set().isDirectory() || dst.get().item().set().isDirectory()) {
            throw new IllegalArgumentException("replace takes two files: " + from + " -> " + to);
        }
        Directory dstDir = dst.get().parent();
        Directory.Item dstItem = dst.get().item();
        if (dstDir.stream.firstCluster() == src.parent().stream.firstCluster() && dstItem.slot() == src.item().slot()) {
            throw new IllegalArgumentException("replace onto itself: " + from + " -> " + to);
        }
        FileEntrySet old = dstItem.set();
        FileEntrySet moving = src.item().set();
        FileEntrySet replaced = new FileEntrySet(moving.file(), moving.stream(), old.name(), old.extra()).withName(old.name(), upcase);
        if (replaced.slots() != old.slots()) throw new IllegalStateException("slot count changed in replace");
        List<ClusterRun> oldRuns = heap.runs(old.data(), to, dstDir.slotOffset(heap, dstItem.slot()));
        markDirty();
        tree.markDeleted(src.parent(), src.item());
        barrier();
        byte[] enc = replaced.encode();
        try {
            heap.write(dstDir.runs, (long) dstItem.slot() * DirectoryEntries.SIZE, enc, 0, enc.length);
        } catch (IOException | RuntimeException e) {
            restore(src);
            throw e;
        }
        barrier();
        heap.release(oldRuns);
        writeBitmap();
        if (!old.data().noFatChain()) heap.fat.clear(oldRuns);
    }

    /** Writes an entry set marked unused back as it was (after a failed rename or replace). */
    private void restore(DirectoryTree.Located src) throws IOException {
        int from = src.item().slot() * DirectoryEntries.SIZE;
        heap.write(src.parent().runs, from, src.parent().bytes, from, src.item().set().slots() * DirectoryEntries.SIZE);
    }

    /** Whether path {@code to} lies strictly below {@code from}, compared with the volume's up-case table. */
    private boolean inside(List<String> to, List<String> from) {
        if (to.size() <= from.size()) return false;
        for (int i = 0; i < from.size(); i++) {
            if (!upcase.sameName(from.get(i), to.get(i))) return false;
        }
        return true;
    }

    private static void checkNewName(String name) {
        FileEntrySet.checkName(name);
        FsPaths.checkWindowsName(name);
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

    /**
     * Runs before every change: the first time it checks the whole volume and remembers the result; any ERROR
     * refuses the change before a byte is written (the allocator trusts the bitmap; a wrong one means overwriting
     * files). Our own changes keep the volume consistent, so one check per session suffices.
     */
    private void guard() throws IOException {
        checkWritable();
        if (guardReport == null) guardReport = ExfatCheck.check(dev);
        List<ExfatFinding> errors = guardReport.errors();
        if (!errors.isEmpty()) {
            throw new InconsistentVolumeException(STRUCTURE, errors.stream().map(f -> f.kind() + ": " + f.message()).toList(),
                    "repair it with fsck.exfat (exfatprogs) first, e.g. fsck.exfat -y on the partition, then retry");
        }
    }

    /** The check the write guard ran, or null if nothing was changed yet. */
    ExfatCheckReport guardReport() {
        return guardReport;
    }

    /** VolumeDirty is set before the first change and cleared by flush (§3.1.13.2). */
    private void markDirty() throws IOException {
        if (dirty) return;
        boot = boot.withFlags(boot.volumeFlags() | ExfatBootSector.FLAG_VOLUME_DIRTY, boot.percentInUse());
        ExfatBootRegion.writeFlags(dev, boot);
        dirty = true;
        barrier();
    }

    /**
     * Makes the writes so far durable before the next ones are issued: the crash-safe orders above (data and
     * bitmap before the entry, source entry gone before the target entry, entry gone before its clusters are
     * freed) only hold on the medium if a device cache cannot reorder across them. One flush per step.
     */
    private void barrier() throws IOException {
        dev.flush();
    }

    private void writeBitmap() throws IOException {
        int[] range = heap.bitmap.takeDirtyRange();
        if (range == null) return;
        heap.write(bitmapRuns, range[0], heap.bitmap.bytes(), range[0], range[1] - range[0]);
    }

}
