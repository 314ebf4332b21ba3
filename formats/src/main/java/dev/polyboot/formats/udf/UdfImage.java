package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.ExtentFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Read-only UDF (ECMA-167, OSTA UDF 1.02–2.01 with type 1 partition maps): the file systems of Windows
 * installation ISOs and of UDF-bridge ISOs. Lists directories, looks paths up (exactly or ignoring case),
 * reads files through a channel and reports their extents on the device.
 */
public final class UdfImage {
    /** A directory's identifier list is read whole; real ones are KiBs, 32 MiB bounds a hostile length. */
    public static final long MAX_DIRECTORY_BYTES = 32L << 20;
    /** Allocation descriptors per file, continuation extents included. */
    public static final int MAX_EXTENTS = 1 << 16;
    static final String FILE_SET = "UDF file set descriptor";

    private final UdfVolume volume;
    private final String fileSetId;
    private final UdfEntry root;

    private UdfImage(UdfVolume volume, String fileSetId, UdfEntry root) {
        this.volume = volume;
        this.fileSetId = fileSetId;
        this.root = root;
    }

    public static UdfImage read(BlockDevice dev) throws IOException {
        UdfVolume volume = UdfVolume.read(dev);
        AllocationDescriptor fsdAt = volume.descriptors.logicalVolume().fileSetLocation();
        ByteBuffer fsd = volume.descriptor(fsdAt.partition(), fsdAt.block(), FILE_SET);
        if (Unsigned.u16(fsd, 0) != DescriptorTag.FILE_SET) {
            throw new CorruptStructureException(FILE_SET, volume.offset(fsdAt.partition(), fsdAt.block(), 0, FILE_SET),
                    "tag identifier", DescriptorTag.FILE_SET, Unsigned.u16(fsd, 0));
        }
        String fileSetId = OstaStrings.dstring(fsd, 304, 32, FILE_SET, 0);
        AllocationDescriptor rootIcb = AllocationDescriptor.longAd(fsd, 400);
        UdfImage image = new UdfImage(volume, fileSetId, null);
        FileEntry fe = image.fileEntry(rootIcb.partition(), rootIcb.block());
        if (!fe.isDirectory()) {
            throw new CorruptStructureException(FILE_SET, 0, "root directory ICB file type", FileEntry.TYPE_DIRECTORY, fe.fileType());
        }
        return new UdfImage(volume, fileSetId, entry("", "/", fe));
    }

    /** The primary volume descriptor's volume identifier (what {@code udfinfo} calls vid). */
    public String volumeId() { return volume.descriptors.volumeId(); }
    /** The logical volume identifier (the label Windows shows, {@code udfinfo} lvid). */
    public String logicalVolumeId() { return volume.descriptors.logicalVolume().volumeId(); }
    public String fileSetId() { return fileSetId; }
    /** UDF revision from the domain identifier, BCD: 0x0102, 0x0201, ... */
    public int udfRevision() { return volume.descriptors.logicalVolume().udfRevision(); }
    public int blockSize() { return volume.blockSize; }
    public UdfEntry root() { return root; }

    public List<UdfEntry> list(String path) throws IOException {
        return list(lookup(path));
    }

    /** The directory's entries in on-disk order, without the parent entry and deleted ones. */
    public List<UdfEntry> list(UdfEntry dir) throws IOException {
        if (!dir.directory()) throw new IllegalArgumentException("not a directory: " + dir.path());
        List<UdfEntry> out = new ArrayList<>();
        for (FileIdentifier fid : identifiers(dir)) {
            FileEntry fe = fileEntry(fid.icb().partition(), fid.icb().block());
            out.add(entry(fid.name(), child(dir.path(), fid.name()), fe));
        }
        return out;
    }

    public UdfEntry lookup(String path) throws IOException {
        return lookup(path, false);
    }

    /** Like {@link #lookup(String)}, but a component without an exact match matches the first that equals it ignoring case. */
    public UdfEntry lookupIgnoreCase(String path) throws IOException {
        return lookup(path, true);
    }

    private UdfEntry lookup(String path, boolean ignoreCase) throws IOException {
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must be absolute: " + path);
        UdfEntry at = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            if (!at.directory()) throw new NoSuchEntryException("UDF", path);
            FileIdentifier found = null;
            List<FileIdentifier> fids = identifiers(at);
            for (FileIdentifier f : fids) if (f.name().equals(part)) { found = f; break; }
            if (found == null && ignoreCase) for (FileIdentifier f : fids) if (f.name().equalsIgnoreCase(part)) { found = f; break; }
            if (found == null) throw new NoSuchEntryException("UDF", path);
            FileEntry fe = fileEntry(found.icb().partition(), found.icb().block());
            at = entry(found.name(), child(at.path(), found.name()), fe);
        }
        return at;
    }

    /** The file's recorded runs as byte ranges on the device (holes left out); in-ICB data is one run inside the entry. */
    public List<Extent> extents(UdfEntry file) throws IOException {
        return recorded(fileEntry(file.partition(), file.icbBlock()));
    }

    public SeekableByteChannel open(UdfEntry file) throws IOException {
        return channel(fileEntry(file.partition(), file.icbBlock()), file);
    }

    /** The whole content, refused with an {@link IllegalArgumentException} when larger than {@code max} bytes. */
    public byte[] readAll(UdfEntry file, int max) throws IOException {
        FileEntry fe = fileEntry(file.partition(), file.icbBlock());
        if (fe.informationLength() > max) {
            throw new IllegalArgumentException(file.path() + " has " + fe.informationLength() + " bytes, more than " + max);
        }
        ByteBuffer b = ByteBuffer.allocate((int) fe.informationLength());
        try (SeekableByteChannel ch = channel(fe, file)) {
            while (b.hasRemaining() && ch.read(b) > 0) { }
        }
        return b.array();
    }

    FileEntry fileEntry(int partition, long block) throws IOException {
        ByteBuffer b = volume.descriptor(partition, block, FileEntry.STRUCTURE);
        int id = Unsigned.u16(b, 0);
        long at = volume.offset(partition, block, 0, FileEntry.STRUCTURE);
        if (id != DescriptorTag.FILE_ENTRY && id != DescriptorTag.EXTENDED_FILE_ENTRY) {
            throw new CorruptStructureException(FileEntry.STRUCTURE, at, "tag identifier", "261 or 266", id);
        }
        return FileEntry.decode(b, id, block, partition, at);
    }

    private List<FileIdentifier> identifiers(UdfEntry dir) throws IOException {
        FileEntry fe = fileEntry(dir.partition(), dir.icbBlock());
        if (fe.informationLength() > MAX_DIRECTORY_BYTES) {
            throw new CorruptStructureException(FileEntry.STRUCTURE, volume.offset(fe.partition(), fe.block(), 0, FileEntry.STRUCTURE),
                    "directory size", "at most " + MAX_DIRECTORY_BYTES, fe.informationLength());
        }
        ByteBuffer content = ByteBuffer.allocate((int) fe.informationLength()).order(ByteOrder.LITTLE_ENDIAN);
        try (SeekableByteChannel ch = channel(fe, dir)) {
            while (content.hasRemaining() && ch.read(content) > 0) { }
        }
        content.flip();
        long base = fe.embeddedAt() >= 0 ? fe.embeddedAt() : volume.offset(fe.partition(), fe.block(), 0, FileEntry.STRUCTURE);
        List<FileIdentifier> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int at = 0; content.limit() - at >= FileIdentifier.HEADER; ) {
            FileIdentifier fid = FileIdentifier.decode(content, at, base + at);
            at += fid.size();
            if (fid.isParent() || fid.isDeleted()) continue;
            String n = fid.name();
            if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0 || n.indexOf('\0') >= 0 || !names.add(n)) {
                throw new CorruptStructureException("UDF file identifier descriptor", base + at, "file identifier",
                        "a unique name without '/' or NUL", n);
            }
            out.add(fid);
        }
        return out;
    }

    /** The runs of the file that are recorded on the device (allocation extent descriptors followed), in file order. */
    private List<Extent> recorded(FileEntry fe) throws IOException {
        List<Extent> out = new ArrayList<>();
        for (FilePiece p : FilePieces.of(volume, fe, MAX_EXTENTS)) {
            if (!p.isHole()) out.add(new Extent(p.fileOffset(), p.deviceOffset(), p.length()));
        }
        return out;
    }

    /** Holes (extents not recorded or not allocated) are left out of the recorded runs, so they read as zeros. */
    private SeekableByteChannel channel(FileEntry fe, UdfEntry file) throws IOException {
        return ExtentFileChannel.sparse(volume.dev, recorded(fe), fe.informationLength(), "UDF file " + file.path());
    }

    /** The file entry, not the identifier's directory bit, decides: it is what the content is read as. */
    private static UdfEntry entry(String name, String path, FileEntry fe) {
        return new UdfEntry(name, path, fe.isDirectory(), fe.informationLength(), fe.modified(),
                fe.partition(), fe.block());
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

}
