package dev.polyboot.core.catalog;

import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One header of a "newc" cpio archive, the format of Linux initramfs (kernel Documentation/driver-api/
 * early-userspace/buffer-format.rst): 110 ASCII bytes (magic and 13 fields of 8 hex digits), the NUL-terminated
 * name padded to 4 bytes, then the file data padded to 4 bytes. Offsets count from the archive's start, which
 * the kernel requires to be 4-byte aligned.
 *
 * @param offset   where the header starts in its stream
 * @param name     the path as stored (no leading '/' in practice; "./" with some tools)
 * @param mode     c_mode: file type and permission bits
 * @param fileSize c_filesize: bytes of data that follow (the file, a symlink's target)
 */
record CpioNewcHeader(long offset, String name, long mode, long fileSize) {
    static final int SIZE = 110;
    static final String MAGIC = "070701";
    /** The same layout with c_check holding a byte sum of the data. */
    static final String MAGIC_CRC = "070702";
    static final String TRAILER = "TRAILER!!!";
    /** Linux's PATH_MAX: longer names are not initramfs (and would make the reader allocate at will). */
    static final int MAX_NAME = 4096;
    private static final int C_MODE = 14;
    private static final int C_FILESIZE = 54;
    private static final int C_NAMESIZE = 94;
    private static final long S_IFMT = 0170000;
    private static final long S_IFDIR = 0040000;

    static boolean startsArchive(byte[] head) {
        if (head.length < 6) return false;
        String m = new String(head, 0, 6, StandardCharsets.ISO_8859_1);
        return m.equals(MAGIC) || m.equals(MAGIC_CRC);
    }

    /** Reads a header and its name, leaving the input at the file data. */
    static CpioNewcHeader read(InitrdInput in) throws IOException {
        long at = in.offset();
        byte[] h = in.readFully(SIZE, "cpio newc header");
        String magic = new String(h, 0, 6, StandardCharsets.ISO_8859_1);
        if (!magic.equals(MAGIC) && !magic.equals(MAGIC_CRC)) {
            throw new CorruptStructureException("cpio newc header", at, "c_magic", MAGIC + " or " + MAGIC_CRC, printable(magic));
        }
        long mode = hex(h, C_MODE, at, "c_mode");
        long fileSize = hex(h, C_FILESIZE, at, "c_filesize");
        long nameSize = hex(h, C_NAMESIZE, at, "c_namesize");
        if (nameSize < 2 || nameSize > MAX_NAME) {
            throw new CorruptStructureException("cpio newc header", at + C_NAMESIZE, "c_namesize", "2.." + MAX_NAME, nameSize);
        }
        byte[] name = in.readFully((int) nameSize, "cpio newc name");
        if (name[name.length - 1] != 0) {
            throw new CorruptStructureException("cpio newc name", at + SIZE, "terminator", 0, name[name.length - 1] & 0xff);
        }
        in.skip(pad4(SIZE + nameSize), "cpio newc name padding");
        return new CpioNewcHeader(at, new String(name, 0, name.length - 1, StandardCharsets.UTF_8), mode, fileSize);
    }

    boolean trailer() {
        return name.equals(TRAILER);
    }

    boolean directory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /** Bytes of data plus padding after the name. */
    long dataAndPadding() {
        return fileSize + pad4(fileSize);
    }

    static long pad4(long n) {
        return (4 - (n & 3)) & 3;
    }

    private static long hex(byte[] h, int at, long headerOffset, String field) throws CorruptStructureException {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            int d = Character.digit(h[i] & 0xff, 16);
            if (d < 0) {
                throw new CorruptStructureException("cpio newc header", headerOffset + at, field, "8 hex digits",
                        printable(new String(h, at, 8, StandardCharsets.ISO_8859_1)));
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) b.append(c);
            else b.append(String.format("\\x%02x", (int) c));
        }
        return b.append('"').toString();
    }
}
