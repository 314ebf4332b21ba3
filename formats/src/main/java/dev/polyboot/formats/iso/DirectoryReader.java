package dev.polyboot.formats.iso;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one directory's records (ECMA-119 6.8.1: records never cross a logical block; a zero length byte means
 * "continue in the next block") and turns them into {@link IsoEntry}s: names by the tree's name set, multi-extent
 * records (6.5.1, flag bit 7) joined into one entry, Rock Ridge relocated directories (CL) followed and their
 * placeholders (RE) hidden.
 */
final class DirectoryReader {
    /** 16 MiB of records is ~400,000 entries, far beyond real images. */
    static final long MAX_DIRECTORY_BYTES = 16L << 20;
    static final int MAX_ENTRIES = 100_000;
    static final int MAX_EXTENTS_PER_FILE = 4096;

    private final BlockDevice dev;
    private final int blockSize;
    private final NameSet names;
    private final int suspSkip;
    private final Findings findings;

    DirectoryReader(BlockDevice dev, int blockSize, NameSet names, int suspSkip, Findings findings) {
        this.dev = dev;
        this.blockSize = blockSize;
        this.names = names;
        this.suspSkip = suspSkip;
        this.findings = findings;
    }

    /** Records of the directory at {@code offset}, {@code length} bytes, "." and ".." included. */
    List<DirectoryRecord> records(long offset, long length) throws IOException {
        String where = "ISO 9660 directory";
        if (length > MAX_DIRECTORY_BYTES) {
            throw new UnsupportedLayoutException(where, offset, "data length", "at most " + MAX_DIRECTORY_BYTES, length);
        }
        if (offset > dev.size() || length > dev.size() - offset) {
            throw new CorruptStructureException(where, offset, "extent", "within the device (" + dev.size() + " bytes)",
                    offset + "+" + length);
        }
        ByteBuffer b = dev.read(offset, (int) length);
        List<DirectoryRecord> out = new ArrayList<>();
        int pos = 0;
        while (pos < length) {
            int blockEnd = (int) Math.min(length, (pos / blockSize + 1L) * blockSize);
            int len = Byte.toUnsignedInt(b.get(pos));
            if (len == 0) {
                pos = blockEnd;
                continue;
            }
            if (out.size() >= MAX_ENTRIES) {
                throw new UnsupportedLayoutException(where, offset, "records", "at most " + MAX_ENTRIES, "more");
            }
            out.add(DirectoryRecord.decode(b, pos, blockEnd - pos, offset + pos, findings));
            pos += len;
        }
        return out;
    }

    List<IsoEntry> entries(String dirPath, long offset, long length) throws IOException {
        List<DirectoryRecord> records = records(offset, length);
        List<IsoEntry> out = new ArrayList<>();
        List<DirectoryRecord> group = new ArrayList<>();
        for (DirectoryRecord r : records) {
            if (r.isSelf() || r.isParent()) continue;
            if (!group.isEmpty() && !Arrays.equals(group.get(0).name(), r.name())) {
                findings.corrupt("multi-extent file at " + group.get(0).recordOffset() + " has no final record");
                add(out, dirPath, group);
                group.clear();
            }
            group.add(r);
            if (r.isMultiExtent() && group.size() < MAX_EXTENTS_PER_FILE) continue;
            add(out, dirPath, group);
            group.clear();
        }
        if (!group.isEmpty()) {
            findings.corrupt("multi-extent file at " + group.get(0).recordOffset() + " has no final record");
            add(out, dirPath, group);
        }
        return out;
    }

    private void add(List<IsoEntry> out, String dirPath, List<DirectoryRecord> group) throws IOException {
        DirectoryRecord first = group.get(0);
        RockRidge rr = RockRidge.NONE;
        if (names == NameSet.ROCK_RIDGE) {
            rr = RockRidge.of(SystemUseArea.read(first, suspSkip, dev, blockSize, findings), findings);
        }
        if (rr.relocated()) return; // shown where its CL placeholder is
        String name = name(first, rr);
        if (name == null) return;
        boolean directory = first.isDirectory();
        List<Extent> extents = new ArrayList<>(group.size());
        long size = 0;
        if (rr.childLinkLba() >= 0) {
            directory = true;
            DirectoryRecord self = relocatedSelf(rr.childLinkLba(), first);
            if (self == null) return;
            group = List.of(self);
        }
        for (DirectoryRecord r : group) {
            long start;
            try {
                start = Math.multiplyExact(r.extentLba() + r.extAttrLength(), (long) blockSize);
                extents.add(new Extent(size, start, r.dataLength()));
                size = Math.addExact(size, r.dataLength());
            } catch (ArithmeticException e) {
                throw new CorruptStructureException("ISO 9660 directory record", r.recordOffset(), "extent",
                        "a representable byte range", r.extentLba() + "+" + r.dataLength());
            }
        }
        Integer mode = rr.mode();
        out.add(new IsoEntry(FsPaths.join(dirPath, name), name, directory, size, extents, first.recorded(), mode,
                rr.symlinkTarget(), (first.flags() & DirectoryRecord.FLAG_HIDDEN) != 0));
    }

    /** The "." record of a directory moved by Rock Ridge deep-directory relocation (RRIP 4.1.5.1). */
    private DirectoryRecord relocatedSelf(long lba, DirectoryRecord placeholder) throws IOException {
        long offset = lba * blockSize;
        if (offset > dev.size() - DirectoryRecord.MIN_SIZE) {
            findings.corrupt("Rock Ridge CL of the record at " + placeholder.recordOffset() + " points past the device");
            return null;
        }
        int available = (int) Math.min(blockSize, dev.size() - offset);
        ByteBuffer b = dev.read(offset, available);
        if (Byte.toUnsignedInt(b.get(0)) < DirectoryRecord.MIN_SIZE) {
            findings.corrupt("Rock Ridge CL of the record at " + placeholder.recordOffset() + " points at no directory");
            return null;
        }
        DirectoryRecord self = DirectoryRecord.decode(b, 0, available, offset, findings);
        return self.isSelf() ? self : null;
    }

    private String name(DirectoryRecord r, RockRidge rr) {
        String raw;
        if (rr.name() != null) raw = rr.name();
        else if (names == NameSet.JOLIET) raw = plain(new String(r.name(), 0, r.name().length & ~1, StandardCharsets.UTF_16BE));
        else raw = plain(new String(r.name(), StandardCharsets.ISO_8859_1));
        if (raw.isEmpty() || raw.equals(".") || raw.equals("..")) {
            findings.corrupt("directory record at " + r.recordOffset() + " has the unusable name '" + raw + "'; skipped");
            return null;
        }
        if (raw.indexOf('/') >= 0 || raw.indexOf('\0') >= 0) {
            findings.corrupt("directory record at " + r.recordOffset() + ": name with '/' or NUL; replaced by '_'");
            raw = raw.replace('/', '_').replace('\0', '_');
        }
        return raw;
    }

    /** "NAME.EXT;1" → "NAME.EXT", "NAME.;1" → "NAME" (ECMA-119 7.5; Linux isofs strips the same way). */
    static String plain(String s) {
        int semi = s.lastIndexOf(';');
        if (semi >= 0 && semi < s.length() - 1 && s.substring(semi + 1).chars().allMatch(Character::isDigit)) {
            s = s.substring(0, semi);
        }
        if (s.length() > 1 && s.endsWith(".")) s = s.substring(0, s.length() - 1);
        return s;
    }
}
