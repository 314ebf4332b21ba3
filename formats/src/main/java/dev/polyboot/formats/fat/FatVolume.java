package dev.polyboot.formats.fat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.VolumeFullException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.fs.Volume;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.ExtentFileChannel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A FAT16 or FAT32 volume on a block device. Every call re-reads the directories it needs, so the
 * object holds no stale view; FAT sectors are cached and written to all copies before a call returns.
 */
public final class FatVolume implements Volume {
    private static final int IO_CHUNK = 1 << 20;
    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final BlockDevice dev;
    private final Clock clock;
    private final FatBootSector boot;
    private final FatGeometry g;
    private final FatTable fat;
    private FsInfoSector fsInfo;

    private FatVolume(BlockDevice dev, Clock clock, FatBootSector boot, FatGeometry g, FsInfoSector fsInfo) {
        this.dev = dev;
        this.clock = clock;
        this.boot = boot;
        this.g = g;
        this.fat = new FatTable(dev, g);
        this.fsInfo = fsInfo;
    }

    /** Opens the volume; the boot sector is checked against the spec before anything else is read. */
    public static FatVolume open(BlockDevice dev, Clock clock) throws IOException {
        if (dev.size() < FatBootSector.SIZE) {
            throw new CorruptStructureException("FAT boot sector", 0, "device size", ">= 512 bytes (truncated device?)", dev.size());
        }
        FatBootSector boot = FatBootSector.decode(dev.read(0, FatBootSector.SIZE));
        FatGeometry g = FatGeometry.of(boot, dev.size());
        FsInfoSector info = null;
        if (g.fatBits() == 32 && g.fsInfoSector() != 0) {
            FsInfoSector s = FsInfoSector.decode(dev.read((long) g.fsInfoSector() * g.bytesPerSector(), FsInfoSector.SIZE));
            if (s.valid()) info = s;
        }
        return new FatVolume(dev, clock, boot, g, info);
    }

    /** 16 or 32. */
    public int fatBits() {
        return g.fatBits();
    }

    public long volumeSerial() {
        return boot.volumeSerial();
    }

    @Override
    public String label() {
        try {
            String l = Directory.load(dev, fat, 0, "/").label();
            if (l != null) return l;
        } catch (IOException e) {
            // A damaged root directory leaves the boot-sector copy of the label.
        }
        String l = boot.volumeLabel();
        return l.equals("NO NAME") ? "" : l;
    }

    @Override
    public long totalBytes() {
        return g.clusterCount() * g.clusterSize();
    }

    @Override
    public long freeBytes() throws IOException {
        return fat.freeClusters() * g.clusterSize();
    }

    @Override
    public int clusterSize() {
        return g.clusterSize();
    }

    // ---- look-up ----

    /** A resolved path: the directory holding it and its item, or (null, null) for the root. */
    private record Found(Directory parent, Directory.Item item) {
        boolean isRoot() {
            return item == null;
        }
    }

    private Directory root() throws IOException {
        return Directory.load(dev, fat, 0, "/");
    }

    private Directory openDir(Directory.Item it, String path) throws IOException {
        long c = it.entry().firstCluster(g.fatBits());
        if (c == 0) throw new CorruptStructureException("directory entry", 0, "first cluster of directory " + path, "2.." + g.maxCluster(), 0);
        return Directory.load(dev, fat, c, path);
    }

    private Found find(String path) throws IOException {
        List<String> parts = FsPaths.split(path);
        if (parts.isEmpty()) return new Found(null, null);
        Directory dir = root();
        String at = "";
        for (int i = 0; i < parts.size(); i++) {
            Directory.Item it = dir.find(parts.get(i));
            at = at + "/" + parts.get(i);
            if (it == null) return null;
            if (i == parts.size() - 1) return new Found(dir, it);
            if (!it.entry().isDirectory()) return null;
            dir = openDir(it, at);
        }
        throw new AssertionError();
    }

    private Found require(String path) throws IOException {
        Found f = find(path);
        if (f == null) throw new NoSuchEntryException("FAT", path);
        return f;
    }

    private Directory requireDir(String path) throws IOException {
        Found f = require(path);
        if (f.isRoot()) return root();
        if (!f.item().entry().isDirectory()) throw new NoSuchEntryException("FAT", path + " (not a directory)");
        return openDir(f.item(), path);
    }

    private FsEntry toEntry(String dirPath, Directory.Item it) {
        boolean d = it.entry().isDirectory();
        return new FsEntry(it.name(), FsPaths.join(dirPath, it.name()), d, d ? 0 : it.entry().size(), it.entry().modified());
    }

    @Override
    public List<FsEntry> list(String dirPath) throws IOException {
        String norm = normalize(dirPath);
        List<FsEntry> out = new ArrayList<>();
        for (Directory.Item it : requireDir(norm).items()) out.add(toEntry(norm, it));
        return out;
    }

    @Override
    public Optional<FsEntry> stat(String path) throws IOException {
        Found f = find(path);
        if (f == null) return Optional.empty();
        if (f.isRoot()) return Optional.of(new FsEntry("", "/", true, 0, EPOCH));
        return Optional.of(toEntry(FsPaths.parent(normalize(path)), f.item()));
    }

    private static String normalize(String path) {
        return "/" + String.join("/", FsPaths.split(path));
    }

    // ---- reading ----

    @Override
    public SeekableByteChannel open(String path) throws IOException {
        Found f = require(path);
        if (f.isRoot() || f.item().entry().isDirectory()) throw new IllegalArgumentException("not a file: " + path);
        return ExtentFileChannel.dense(dev, fileExtents(f.item(), path), f.item().entry().size(), "FAT file " + path);
    }

    @Override
    public List<Extent> extents(String path) throws IOException {
        Found f = require(path);
        if (f.isRoot() || f.item().entry().isDirectory()) throw new IllegalArgumentException("not a file: " + path);
        return fileExtents(f.item(), path);
    }

    private List<Extent> fileExtents(Directory.Item it, String path) throws IOException {
        long size = it.entry().size();
        List<Extent> out = new ArrayList<>();
        if (size == 0) return out;
        long cs = g.clusterSize();
        long[] chain = ClusterChain.prefix(fat, it.entry().firstCluster(g.fatBits()), (size + cs - 1) / cs, "file " + path);
        long fileOff = 0;
        for (int i = 0; i < chain.length; ) {
            int j = i + 1;
            while (j < chain.length && chain[j] == chain[j - 1] + 1) j++;
            long len = Math.min((long) (j - i) * cs, size - fileOff);
            out.add(new Extent(fileOff, g.clusterOffset(chain[i]), len));
            fileOff += len;
            i = j;
        }
        return out;
    }

    // ---- writing ----

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private void checkNew(Directory dir, String name, String path) throws FormatException {
        ShortNames.checkLongName(name);
        if (dir.find(name) != null) throw new EntryExistsException("FAT", path);
    }

    private static int slotsFor(ShortNames.Alias alias, String name) {
        return 1 + (alias.needsLongName() ? (name.length() + LfnEntry.CHARS - 1) / LfnEntry.CHARS : 0);
    }

    /** Adds an entry for {@code name} to {@code dir}: reserves slots (may grow the directory), picks the alias. */
    private void addEntry(Directory dir, String name, DirEntry template) throws IOException {
        ShortNames.Alias alias = ShortNames.alias(name, dir.shortKeys());
        int slot = dir.reserve(slotsFor(alias, name));
        dir.put(slot, name, template.withName(alias.name(), alias.ntCase()), alias.needsLongName());
    }

    @Override
    public void mkdirs(String dirPath) throws IOException {
        writable();
        List<String> parts = FsPaths.split(dirPath);
        Directory dir = root();
        String at = "";
        for (String part : parts) {
            at = at + "/" + part;
            Directory.Item it = dir.find(part);
            if (it == null) {
                checkNew(dir, part, at);
                // ".." of a directory in the root holds 0, also on FAT32 (fatgen103 section 6.7).
                long parentCluster = at.lastIndexOf('/') == 0 ? 0 : dir.firstCluster;
                createDirectory(dir, part, parentCluster);
                it = dir.find(part);
            } else if (!it.entry().isDirectory()) {
                throw new EntryExistsException("FAT", at + " (a file, not a directory)");
            }
            dir = openDir(it, at);
        }
    }

    private void createDirectory(Directory parent, String name, long parentCluster) throws IOException {
        // Reserve the parent's slots first: growing the parent may take the cluster we would pick.
        ShortNames.Alias alias = ShortNames.alias(name, parent.shortKeys());
        int slot = parent.reserve(slotsFor(alias, name));
        long[] pick = fat.pick(1);
        if (pick == null) throw new VolumeFullException("FAT", g.clusterSize(), 0);
        long c = pick[0];
        LocalDateTime now = now();
        dev.zero(g.clusterOffset(c), g.clusterSize());
        byte[] dot = "." .concat(" ".repeat(10)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] dotdot = "..".concat(" ".repeat(9)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        dev.write(g.clusterOffset(c), ByteBuffer.wrap(DirEntry.create(dot, DirEntry.ATTR_DIRECTORY, 0, c, 0, now).encode()));
        dev.write(g.clusterOffset(c) + DirEntry.SIZE,
                ByteBuffer.wrap(DirEntry.create(dotdot, DirEntry.ATTR_DIRECTORY, 0, parentCluster, 0, now).encode()));
        fat.set(c, fat.endOfChain());
        fat.commit();
        DirEntry e = DirEntry.create(alias.name(), DirEntry.ATTR_DIRECTORY, alias.ntCase(), c, 0, now);
        parent.put(slot, name, e, alias.needsLongName());
    }

    @Override
    public void writeFile(String path, InputStream in, long length) throws IOException {
        writable();
        if (length < 0) throw new IllegalArgumentException("negative length " + length);
        if (length > 0xFFFF_FFFFL) {
            throw new UnsupportedLayoutException("FAT", 0, "file size", "at most 4 GiB - 1 bytes", length);
        }
        String name = FsPaths.name(path);
        String parentPath = FsPaths.parent(path);
        Directory dir = requireDir(parentPath);
        checkNew(dir, name, path);
        ShortNames.Alias alias = ShortNames.alias(name, dir.shortKeys());
        int slot = dir.reserve(slotsFor(alias, name));
        long cs = g.clusterSize();
        long count = (length + cs - 1) / cs;
        long[] clusters = new long[0];
        if (count > 0) {
            clusters = fat.pick(count);
            if (clusters == null) throw new VolumeFullException("FAT", length, freeBytes());
            copyIn(in, length, clusters);
            fat.link(clusters);
            fat.commit();
        }
        DirEntry e = DirEntry.create(alias.name(), DirEntry.ATTR_ARCHIVE, alias.ntCase(), count > 0 ? clusters[0] : 0, length, now());
        dir.put(slot, name, e, alias.needsLongName());
    }

    /** Streams exactly {@code length} bytes into the clusters, run by run; the slack of the last cluster is zeroed. */
    private void copyIn(InputStream in, long length, long[] clusters) throws IOException {
        long cs = g.clusterSize();
        int bufSize = (int) Math.max(cs, IO_CHUNK / cs * cs);
        byte[] buf = new byte[bufSize];
        long done = 0;
        for (int i = 0; i < clusters.length; ) {
            int j = i + 1;
            while (j < clusters.length && clusters[j] == clusters[j - 1] + 1 && (long) (j - i + 1) * cs <= bufSize) j++;
            int span = (int) ((j - i) * cs);
            int want = (int) Math.min(span, length - done);
            int got = in.readNBytes(buf, 0, want);
            if (got < want) throw new EOFException("input ended after " + (done + got) + " of " + length + " bytes; nothing written");
            java.util.Arrays.fill(buf, want, span, (byte) 0);
            dev.write(g.clusterOffset(clusters[i]), ByteBuffer.wrap(buf, 0, span));
            done += want;
            i = j;
        }
    }

    @Override
    public void delete(String path) throws IOException {
        writable();
        Found f = require(path);
        if (f.isRoot()) throw new IllegalArgumentException("cannot delete the root directory");
        Directory.Item it = f.item();
        long first = it.entry().firstCluster(g.fatBits());
        if (it.entry().isDirectory()) {
            if (!openDir(it, path).items().isEmpty()) throw new java.nio.file.DirectoryNotEmptyException(path);
        }
        long[] chain = first == 0 ? new long[0] : ClusterChain.walk(fat, first, g.clusterCount(), path);
        f.parent().remove(it);
        fat.free(chain);
        fat.commit();
    }

    @Override
    public void rename(String from, String to) throws IOException {
        writable();
        Found src = require(from);
        if (src.isRoot()) throw new IllegalArgumentException("cannot rename the root directory");
        String fromNorm = normalize(from);
        String toNorm = normalize(to);
        if (toNorm.equals("/")) throw new IllegalArgumentException("cannot rename onto the root directory");
        boolean isDir = src.item().entry().isDirectory();
        if (isDir && (toNorm + "/").toLowerCase(java.util.Locale.ROOT).startsWith(fromNorm.toLowerCase(java.util.Locale.ROOT) + "/")) {
            if (!toNorm.equalsIgnoreCase(fromNorm)) throw new IllegalArgumentException("cannot move a directory into itself: " + to);
        }
        String newName = FsPaths.name(toNorm);
        ShortNames.checkLongName(newName);
        String toParent = FsPaths.parent(toNorm);
        boolean sameDir = FsPaths.parent(fromNorm).equalsIgnoreCase(toParent);
        Directory target = sameDir ? src.parent() : requireDir(toParent);
        Directory.Item clash = target.find(newName);
        if (clash != null && !(sameDir && clash.firstSlot() == src.item().firstSlot())) throw new EntryExistsException("FAT", to);

        byte[] oldSlots = src.parent().rawSlots(src.item());
        src.parent().remove(src.item());
        if (sameDir) target = src.parent();
        try {
            addEntry(target, newName, src.item().entry());
        } catch (IOException | RuntimeException e) {
            src.parent().restore(src.item(), oldSlots);
            throw e;
        }
        if (isDir && !sameDir) {
            Directory moved = openDir(src.item(), toNorm);
            int dd = moved.dotDotSlot();
            if (dd >= 0) {
                long parentCluster = toParent.equals("/") ? 0 : target.firstCluster;
                moved.writeSlot(dd, moved.entryAt(dd).withCluster(parentCluster).encode());
            }
        }
    }

    /**
     * Moves file {@code from} onto existing file {@code to}: frees {@code from}'s slots (long-name slots first, so a
     * cut leaves at worst a file with only its short name), rewrites {@code to}'s short entry in place with
     * {@code from}'s cluster, size and times (one sector write; {@code to}'s long name and alias stay), then frees
     * {@code to}'s old chain. At every point {@code to} is the old or the new file; clusters are at worst lost.
     */
    @Override
    public void replace(String from, String to) throws IOException {
        writable();
        Found dst = find(to);
        if (dst == null) {
            rename(from, to);
            return;
        }
        Found src = require(from);
        if (src.isRoot() || dst.isRoot() || src.item().entry().isDirectory() || dst.item().entry().isDirectory()) {
            throw new IllegalArgumentException("replace takes two files: " + from + " -> " + to);
        }
        if (src.parent().firstCluster == dst.parent().firstCluster && src.item().firstSlot() == dst.item().firstSlot()) {
            throw new IllegalArgumentException("replace onto itself: " + from + " -> " + to);
        }
        DirEntry old = dst.item().entry();
        long oldFirst = old.firstCluster(g.fatBits());
        long[] oldChain = oldFirst == 0 ? new long[0] : ClusterChain.walk(fat, oldFirst, g.clusterCount(), to);
        DirEntry moved = src.item().entry().withName(old.name(), old.ntCase());
        src.parent().remove(src.item());
        dst.parent().writeSlot(dst.item().shortSlot(), moved.encode());
        fat.free(oldChain);
        fat.commit();
    }

    /**
     * Frees clusters the FAT marks in use that no file or directory reaches, and makes the FAT copies agree again:
     * what a cut between a file's chain and its directory entry leaves (fsck.fat: "Reclaimed N unused clusters") or a
     * cut between the copies of one FAT sector ("FATs differ"). Every chain is walked whole and checked first; a damaged
     * one throws before anything is written. Returns the number of clusters freed.
     */
    public long reclaimLostClusters() throws IOException {
        writable();
        java.util.BitSet reached = new java.util.BitSet((int) (g.maxCluster() + 1));
        Directory root = root();
        if (root.firstCluster != 0) mark(ClusterChain.walk(fat, root.firstCluster, g.clusterCount(), "directory /"), reached);
        markTree(root, "/", reached, 0);
        long freed = 0;
        for (long c = 2; c <= g.maxCluster(); c++) {
            if (!reached.get((int) c) && fat.inUse(fat.get(c))) {
                fat.set(c, FatTable.FREE);
                freed++;
            }
        }
        fat.syncCopies();
        flush();
        return freed;
    }

    private void markTree(Directory dir, String path, java.util.BitSet reached, int depth) throws IOException {
        if (depth > 64) throw new CorruptStructureException("directory", 0, "depth of " + path, "at most 64", depth);
        for (Directory.Item it : dir.items()) {
            long first = it.entry().firstCluster(g.fatBits());
            if (first == 0) continue;
            String at = FsPaths.join(path, it.name());
            mark(ClusterChain.walk(fat, first, g.clusterCount(), at), reached);
            if (it.entry().isDirectory()) markTree(openDir(it, at), at, reached, depth + 1);
        }
    }

    private static void mark(long[] chain, java.util.BitSet reached) throws CorruptStructureException {
        for (long c : chain) {
            if (reached.get((int) c)) throw new CorruptStructureException("FAT", 0, "cluster " + c, "in one chain", "reached twice");
            reached.set((int) c);
        }
    }

    /** FAT12 (floppy-sized El Torito boot images) is read here, never written: polyboot makes no FAT12 volume. */
    private void writable() throws UnsupportedLayoutException {
        if (g.fatBits() == 12) {
            throw new UnsupportedLayoutException("FAT volume", 0, "FAT type", "FAT16 or FAT32 to write", "FAT12 (read only)");
        }
    }

    // ---- metadata ----

    @Override
    public void flush() throws IOException {
        if (dev.isReadOnly()) return;
        fat.commit();
        if (fsInfo != null && fat.hasMap()) {
            long free = fat.freeClusters();
            long next = fat.firstFree();
            fsInfo = fsInfo.with(free, next < 0 ? FsInfoSector.UNKNOWN : next);
            dev.write((long) g.fsInfoSector() * g.bytesPerSector(), fsInfo.encode());
        }
        dev.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
