package dev.polyboot.formats.cpio;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one newc archive entry by entry (header, name, data) up to {@value CpioNewcHeader#TRAILER}; nothing after the
 * trailer's name is read. Hostile input is refused with a {@link dev.polyboot.formats.FormatException} that names
 * the offset: bad magic or hex, c_namesize outside 2..{@value CpioNewcHeader#MAX_NAME}, a name without its NUL or
 * with one inside, an unknown file type, data on a directory or device, a symlink target that is empty or longer
 * than {@value CpioEntry#MAX_TARGET_BYTES} bytes, a wrong c_check under {@value CpioNewcHeader#MAGIC_CRC}, and an
 * archive that ends early (from a byte array, a c_filesize past the end is refused before anything is allocated):
 * {@link CorruptStructureException}. Valid archives polyboot does not take are an {@link UnsupportedLayoutException}:
 * a file larger than the caller's cap, names a {@link CpioEntry} refuses (absolute, "..", empty components), a
 * symlink target that is not UTF-8. Hard links come out as separate files, each with the data it carries (GNU cpio
 * puts a linked file's data on its last link only).
 */
public final class CpioNewcReader {
    private final Input in;
    private final long maxFileBytes;
    private CpioNewcHeader header;
    private boolean done;

    /** @param maxFileBytes the largest file (or symlink) data this reader will hold in memory */
    public CpioNewcReader(InputStream in, long maxFileBytes) {
        this(new Input(Objects.requireNonNull(in, "in"), -1), maxFileBytes);
    }

    public CpioNewcReader(byte[] archive, long maxFileBytes) {
        this(new Input(new ByteArrayInputStream(archive), archive.length), maxFileBytes);
    }

    private CpioNewcReader(Input in, long maxFileBytes) {
        if (maxFileBytes < 0 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes outside 0.." + (Integer.MAX_VALUE - 8) + ": " + maxFileBytes);
        }
        this.in = in;
        this.maxFileBytes = maxFileBytes;
    }

    /** Every entry of {@code archive}, trailer excluded. */
    public static List<CpioEntry> readAll(byte[] archive, long maxFileBytes) throws IOException {
        CpioNewcReader r = new CpioNewcReader(archive, maxFileBytes);
        List<CpioEntry> entries = new ArrayList<>();
        for (Optional<CpioEntry> e = r.next(); e.isPresent(); e = r.next()) entries.add(e.get());
        return entries;
    }

    /** The next entry, or empty once the trailer has been read. */
    public Optional<CpioEntry> next() throws IOException {
        if (done) return Optional.empty();
        CpioNewcHeader h = CpioNewcHeader.read(in);
        header = h;
        if (h.trailer()) {
            done = true;
            return Optional.empty();
        }
        int type = h.fileType();
        if ((h.mode() & ~0177777L) != 0 || !known(type)) {
            throw new CorruptStructureException("cpio newc header", h.offset() + CpioNewcHeader.OFF_MODE, "c_mode",
                    "a file type and permission bits", "0" + Long.toOctalString(h.mode()));
        }
        String name = name(h);
        checkSize(h, type);
        long at = in.offset();
        byte[] data = in.readFully((int) h.fileSize(), "cpio newc data");
        in.skip(CpioNewcHeader.pad4(h.fileSize()), "cpio newc data padding");
        if (h.magic().equals(CpioNewcHeader.MAGIC_CRC) && type == CpioNewcHeader.S_IFREG && sum(data) != h.check()) {
            throw new CorruptStructureException("cpio newc header", h.offset() + CpioNewcHeader.OFF_CHECK, "c_check",
                    "0x" + Long.toHexString(sum(data)) + " (byte sum of the data)", "0x" + Long.toHexString(h.check()));
        }
        String target = type == CpioNewcHeader.S_IFLNK ? target(data, at) : null;
        return Optional.of(new CpioEntry(name, (int) h.mode(), h.mtime(), data, target));
    }

    /** The header of the entry (or trailer) {@link #next} read last. */
    public CpioNewcHeader header() {
        if (header == null) throw new IllegalStateException("next() has not read a header yet");
        return header;
    }

    /** Bytes consumed so far. */
    public long offset() {
        return in.offset();
    }

    private static String name(CpioNewcHeader h) throws IOException {
        String name = h.name();
        long at = h.offset() + CpioNewcHeader.SIZE;
        if (name.indexOf('\0') >= 0) {
            throw new CorruptStructureException("cpio newc name", at, "c_name", "a NUL only at its end (c_namesize " + h.nameSize() + ")",
                    CpioNewcHeader.printable(name));
        }
        String problem = CpioEntry.nameProblem(name);
        if (problem != null) {
            throw new UnsupportedLayoutException("cpio newc name", at, "c_name", "a relative path", CpioNewcHeader.printable(name) + ", " + problem);
        }
        return name;
    }

    private void checkSize(CpioNewcHeader h, int type) throws IOException {
        long size = h.fileSize();
        long at = h.offset() + CpioNewcHeader.OFF_FILESIZE;
        long left = in.left();
        if (left >= 0 && size > left) {
            throw new CorruptStructureException("cpio newc header", at, "c_filesize", "at most " + left + " (bytes left in the archive)", size);
        }
        if (type == CpioNewcHeader.S_IFLNK && (size < 1 || size > CpioEntry.MAX_TARGET_BYTES)) {
            throw new CorruptStructureException("cpio newc header", at, "c_filesize", "1.." + CpioEntry.MAX_TARGET_BYTES + " (a symlink target)", size);
        }
        if (type != CpioNewcHeader.S_IFLNK && type != CpioNewcHeader.S_IFREG && size != 0) {
            throw new CorruptStructureException("cpio newc header", at, "c_filesize", "0 (no data on type 0" + Integer.toOctalString(type) + ")", size);
        }
        if (size > maxFileBytes) {
            throw new UnsupportedLayoutException("cpio newc header", at, "c_filesize", "at most " + maxFileBytes + " (the caller's cap)", size);
        }
    }

    private static String target(byte[] data, long at) throws IOException {
        String t;
        try {
            t = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new UnsupportedLayoutException("cpio newc symlink target", at, "data", "UTF-8", "other bytes");
        }
        String problem = CpioEntry.targetProblem(t);
        if (problem != null) {
            throw new CorruptStructureException("cpio newc symlink target", at, "data", "a path", CpioNewcHeader.printable(t) + ", " + problem);
        }
        return t;
    }

    private static long sum(byte[] data) {
        long s = 0;
        for (byte b : data) s += b & 0xff;
        return s & 0xFFFF_FFFFL;
    }

    private static boolean known(int type) {
        return switch (type) {
            case CpioNewcHeader.S_IFSOCK, CpioNewcHeader.S_IFLNK, CpioNewcHeader.S_IFREG, CpioNewcHeader.S_IFBLK,
                 CpioNewcHeader.S_IFDIR, CpioNewcHeader.S_IFCHR, CpioNewcHeader.S_IFIFO -> true;
            default -> false;
        };
    }

    /** An input stream with its position, and its length when it is known (a byte array). */
    private static final class Input implements CpioInput {
        private final InputStream in;
        private final long length;
        private long offset;

        Input(InputStream in, long length) {
            this.in = in;
            this.length = length;
        }

        @Override
        public long offset() {
            return offset;
        }

        /** Bytes left, or -1 when the length is not known. */
        long left() {
            return length < 0 ? -1 : length - offset;
        }

        @Override
        public byte[] readFully(int n, String structure) throws IOException {
            byte[] b = in.readNBytes(n);
            long at = offset;
            offset += b.length;
            if (b.length < n) throw new CorruptStructureException(structure, at, "ends after " + b.length + " of " + n + " bytes");
            return b;
        }

        @Override
        public void skip(long n, String structure) throws IOException {
            long at = offset;
            for (long left = n; left > 0; ) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (in.read() < 0) throw new CorruptStructureException(structure, at, "ends after " + (n - left) + " of " + n + " bytes");
                    s = 1;
                }
                offset += s;
                left -= s;
            }
        }
    }
}
