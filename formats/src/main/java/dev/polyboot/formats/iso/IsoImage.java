package dev.polyboot.formats.iso;

import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.ExtentFileChannel;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionTables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only ISO 9660 image: its volume descriptors, one directory tree under the best name set available (Rock
 * Ridge, then Joliet, then plain ECMA-119 names, unless forced), file contents by extent, and the El Torito boot
 * catalog. Directories are read on demand; nothing is cached, so the instance is cheap and safe to share.
 */
public final class IsoImage {
    /** Deepest path {@link #walk()} descends to; RRIP allows more than ECMA-119's 8 levels, nothing needs 64. */
    public static final int MAX_DEPTH = 64;
    public static final int MAX_WALK_ENTRIES = 1_000_000;

    private final BlockDevice dev;
    private final VolumeDescriptorSet descriptors;
    private final PrimaryVolumeDescriptor tree;
    private final NameSet nameSet;
    private final boolean rockRidge;
    private final Findings findings;
    private final DirectoryReader reader;

    private IsoImage(BlockDevice dev, VolumeDescriptorSet descriptors, PrimaryVolumeDescriptor tree, NameSet nameSet,
                     boolean rockRidge, int suspSkip, Findings findings) {
        this.dev = dev;
        this.descriptors = descriptors;
        this.tree = tree;
        this.nameSet = nameSet;
        this.rockRidge = rockRidge;
        this.findings = findings;
        this.reader = new DirectoryReader(dev, tree.logicalBlockSize(), nameSet, suspSkip, findings);
    }

    /** Reads the image with the preferred name set; {@link NotIsoException} when there is no CD001 at sector 16. */
    /** True when the device has an ISO 9660 volume descriptor ("CD001") at byte 32768 (sector 16): worth reading. */
    public static boolean looksLikeIso(BlockDevice dev) throws IOException {
        long at = 16L * 2048;
        if (dev.size() < at + 2048) return false;
        byte[] id = new byte[VolumeDescriptor.STANDARD_ID.length];
        dev.read(at + 1, java.nio.ByteBuffer.wrap(id));
        return java.util.Arrays.equals(id, VolumeDescriptor.STANDARD_ID);
    }

    public static IsoImage read(BlockDevice dev) throws IOException {
        return read(dev, NameSet.ROCK_RIDGE);
    }

    /**
     * Reads the image presenting {@code preferred} names, or the next available one in {@link NameSet} order
     * (Joliet falls back to plain, Rock Ridge to Joliet then plain).
     */
    public static IsoImage read(BlockDevice dev, NameSet preferred) throws IOException {
        Findings findings = new Findings();
        VolumeDescriptorSet set = VolumeDescriptorSet.read(dev, findings);
        PrimaryVolumeDescriptor pvd = set.primary();
        int skip = RockRidgeDetector.suspSkip(dev, pvd, findings);
        boolean rr = skip >= 0 && RockRidgeDetector.hasRockRidge(dev, pvd, skip, findings);
        Optional<PrimaryVolumeDescriptor> joliet = set.joliet();
        if (preferred == NameSet.ROCK_RIDGE && rr) {
            return new IsoImage(dev, set, pvd, NameSet.ROCK_RIDGE, true, skip, findings);
        }
        if (preferred != NameSet.PLAIN && joliet.isPresent()) {
            return new IsoImage(dev, set, joliet.get(), NameSet.JOLIET, rr, -1, findings);
        }
        return new IsoImage(dev, set, pvd, NameSet.PLAIN, rr, -1, findings);
    }

    public BlockDevice device() { return dev; }
    public VolumeDescriptorSet descriptors() { return descriptors; }
    public PrimaryVolumeDescriptor primary() { return descriptors.primary(); }
    public NameSet nameSet() { return nameSet; }
    public boolean hasJoliet() { return descriptors.joliet().isPresent(); }
    public boolean hasRockRidge() { return rockRidge; }
    /** Reader remarks so far (both-endian mismatches, skipped records, broken CE chains ...). */
    public List<String> findings() { return findings.list(); }

    public String volumeId() { return primary().volumeId(); }
    public Optional<String> jolietVolumeId() { return descriptors.joliet().map(PrimaryVolumeDescriptor::volumeId); }
    public Optional<String> systemId() { return nonEmpty(primary().systemId()); }
    public Optional<String> volumeSetId() { return nonEmpty(primary().volumeSetId()); }
    public Optional<String> publisherId() { return nonEmpty(primary().publisherId()); }
    public Optional<String> dataPreparerId() { return nonEmpty(primary().dataPreparerId()); }
    public Optional<String> applicationId() { return nonEmpty(primary().applicationId()); }
    public long volumeSpaceBytes() { return primary().volumeSpaceBytes(); }
    public int logicalBlockSize() { return tree.logicalBlockSize(); }

    public IsoEntry root() {
        DirectoryRecord r = tree.root();
        long start = (r.extentLba() + r.extAttrLength()) * tree.logicalBlockSize();
        return new IsoEntry("/", "", true, r.dataLength(), List.of(new Extent(0, start, r.dataLength())), r.recorded(),
                null, null, false);
    }

    /** Entries of the directory at {@code dirPath} (exact case), in on-disk order, without "." and "..". */
    public List<IsoEntry> list(String dirPath) throws IOException {
        IsoEntry dir = lookup(dirPath).orElseThrow(() -> new NoSuchEntryException("ISO 9660 image", dirPath));
        return list(dir);
    }

    public List<IsoEntry> list(IsoEntry dir) throws IOException {
        if (!dir.directory()) throw new IllegalArgumentException("not a directory: " + dir.path());
        Extent e = dir.extents().get(0);
        return reader.entries(dir.path(), e.deviceOffset(), e.length());
    }

    /** Exact, case-sensitive look-up of an absolute path. */
    public Optional<IsoEntry> lookup(String path) throws IOException {
        return find(path, false);
    }

    /** Case-insensitive look-up: an exact match wins in each directory, else the first one ignoring case. */
    public Optional<IsoEntry> lookupIgnoreCase(String path) throws IOException {
        return find(path, true);
    }

    private Optional<IsoEntry> find(String path, boolean ignoreCase) throws IOException {
        IsoEntry cur = root();
        List<String> parts = FsPaths.split(path);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            // a directory may share its name with a file (ECMA-119 allows it); only a directory leads on
            boolean needDirectory = i < parts.size() - 1;
            IsoEntry next = null;
            IsoEntry folded = null;
            for (IsoEntry e : list(cur)) {
                if (needDirectory && !e.directory()) continue;
                if (e.name().equals(part)) { next = e; break; }
                if (ignoreCase && folded == null && e.name().equalsIgnoreCase(part)) folded = e;
            }
            if (next == null) next = folded;
            if (next == null) return Optional.empty();
            cur = next;
        }
        return Optional.of(cur);
    }

    /**
     * Every entry below the root, depth-first in on-disk order. A directory reached twice (a loop or a shared
     * extent) is listed but not entered again; depth and entry count are capped ({@link #MAX_DEPTH},
     * {@link #MAX_WALK_ENTRIES}) with a finding; a damaged directory other than the root is skipped with a finding.
     */
    public List<IsoEntry> walk() throws IOException {
        List<IsoEntry> out = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        Deque<IsoEntry> stack = new ArrayDeque<>();
        stack.push(root());
        visited.add(root().startOffset());
        while (!stack.isEmpty()) {
            IsoEntry dir = stack.pop();
            List<IsoEntry> children;
            try {
                children = list(dir);
            } catch (FormatException e) {
                if (dir.path().equals("/")) throw e;
                // one damaged directory should not hide the rest of the image from a catalogue scan
                findings.corrupt("directory " + dir.path() + " unreadable: " + e.getMessage());
                continue;
            }
            List<IsoEntry> subdirs = new ArrayList<>();
            for (IsoEntry c : children) {
                if (out.size() >= MAX_WALK_ENTRIES) {
                    findings.corrupt("walk stopped after " + MAX_WALK_ENTRIES + " entries");
                    return out;
                }
                out.add(c);
                if (!c.directory()) continue;
                if (!visited.add(c.startOffset())) {
                    findings.corrupt("directory " + c.path() + " repeats the extent at " + c.startOffset()
                            + "; not entered again");
                } else if (FsPaths.split(c.path()).size() >= MAX_DEPTH) {
                    findings.corrupt("directory " + c.path() + " deeper than " + MAX_DEPTH + "; not entered");
                } else {
                    subdirs.add(c);
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) stack.push(subdirs.get(i));
        }
        return out;
    }

    /**
     * The file whose data starts at {@code deviceOffset}, e.g. the file an El Torito entry boots
     * ({@link ElToritoEntry#imageOffset()}); empty when no file starts there (images hidden from the tree).
     */
    public Optional<IsoEntry> fileStartingAt(long deviceOffset) throws IOException {
        for (IsoEntry e : walk()) {
            if (!e.directory() && !e.extents().isEmpty() && e.size() > 0 && e.startOffset() == deviceOffset) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** A read-only channel over the file's bytes (all extents of a multi-extent file). */
    public SeekableByteChannel open(IsoEntry file) throws IOException {
        if (file.directory()) throw new IllegalArgumentException("is a directory: " + file.path());
        return ExtentFileChannel.dense(dev, file.extents(), file.size(), "ISO 9660 file " + file.path());
    }

    /** The whole file, refused with {@link UnsupportedLayoutException} when it is larger than {@code maxBytes}. */
    public byte[] readAll(IsoEntry file, int maxBytes) throws IOException {
        if (maxBytes < 0) throw new IllegalArgumentException("negative maxBytes " + maxBytes);
        if (file.size() > maxBytes) {
            throw new UnsupportedLayoutException("ISO 9660 file " + file.path(), file.startOffset(), "size",
                    "at most " + maxBytes + " bytes", file.size());
        }
        byte[] out = new byte[(int) file.size()];
        try (SeekableByteChannel ch = open(file)) {
            ByteBuffer b = ByteBuffer.wrap(out);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // a dense extent channel reads fully or throws
            }
        }
        return out;
    }

    /** The El Torito boot catalog, when the image has an El Torito boot record. */
    public Optional<ElToritoCatalog> elTorito() throws IOException {
        Optional<BootRecordDescriptor> br = descriptors.elToritoBootRecord();
        if (br.isEmpty()) return Optional.empty();
        return Optional.of(ElToritoCatalog.read(dev, br.get().catalogSector()));
    }

    /** The partition table at LBA 0 of a hybrid image (isohybrid MBR, or GPT), NONE for a plain ISO. */
    public DiskPartitions hybridPartitions() throws IOException {
        return PartitionTables.read(dev);
    }

    /** True when the image also carries an MBR or GPT at LBA 0, so it can be written raw to a USB stick. */
    public static boolean isHybrid(BlockDevice dev) throws IOException {
        try {
            return PartitionTables.read(dev).style() != DiskPartitions.Style.NONE;
        } catch (FormatException e) {
            return false;
        }
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
