package dev.polyboot.formats.cpio;

import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One header of a "newc" cpio archive, the format of Linux initramfs (kernel Documentation/driver-api/
 * early-userspace/buffer-format.rst; cpio(5) "New ASCII Format"): 110 ASCII bytes (magic and 13 fields of 8 hex
 * digits), the name with its terminating NUL (counted in c_namesize) padded so that header and name fill a multiple
 * of 4 bytes, then c_filesize bytes of data padded to 4. Offsets count from the archive's start, which the kernel
 * requires to be 4-byte aligned.
 *
 * <p>Every field is kept, so {@link #encode} gives back the bytes read, except that hex digits are written in upper
 * case (as GNU cpio does; either case is read) and a name that is not valid UTF-8 comes back with U+FFFD in it.
 *
 * @param offset   where the header starts in its stream
 * @param magic    {@link #MAGIC} or {@link #MAGIC_CRC}
 * @param mode     c_mode: file type ({@link #S_IFMT}) and permission bits
 * @param fileSize c_filesize: bytes of data that follow (the file, a symlink's target)
 * @param check    c_check: 0, or the byte sum of the data under {@link #MAGIC_CRC}
 * @param name     the path as stored, without its terminating NUL (no leading '/' in practice; "./" with some tools)
 */
public record CpioNewcHeader(long offset, String magic, long ino, long mode, long uid, long gid, long nlink, long mtime,
                             long fileSize, long devMajor, long devMinor, long rdevMajor, long rdevMinor, long check,
                             String name) {
    public static final int SIZE = 110;
    public static final String MAGIC = "070701";
    /** The same layout with c_check holding a byte sum of the data. */
    public static final String MAGIC_CRC = "070702";
    public static final String TRAILER = "TRAILER!!!";
    /** Linux's PATH_MAX, NUL included: longer names are not initramfs (and would make a reader allocate at will). */
    public static final int MAX_NAME = 4096;
    public static final int OFF_MAGIC = 0;
    public static final int OFF_INO = 6;
    public static final int OFF_MODE = 14;
    public static final int OFF_UID = 22;
    public static final int OFF_GID = 30;
    public static final int OFF_NLINK = 38;
    public static final int OFF_MTIME = 46;
    public static final int OFF_FILESIZE = 54;
    public static final int OFF_DEVMAJOR = 62;
    public static final int OFF_DEVMINOR = 70;
    public static final int OFF_RDEVMAJOR = 78;
    public static final int OFF_RDEVMINOR = 86;
    public static final int OFF_NAMESIZE = 94;
    public static final int OFF_CHECK = 102;
    /** c_mode file types (st_mode, as stat(2) defines them). */
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    private static final String STRUCTURE = "cpio newc header";
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    public CpioNewcHeader {
        if (!MAGIC.equals(magic) && !MAGIC_CRC.equals(magic)) {
            throw new IllegalArgumentException("c_magic must be " + MAGIC + " or " + MAGIC_CRC + ": " + magic);
        }
        Objects.requireNonNull(name, "name");
        if (offset < 0) throw new IllegalArgumentException("offset < 0: " + offset);
        long[] fields = {ino, mode, uid, gid, nlink, mtime, fileSize, devMajor, devMinor, rdevMajor, rdevMinor, check};
        for (long f : fields) {
            if (f < 0 || f > 0xFFFF_FFFFL) throw new IllegalArgumentException("a newc field holds 32 bits unsigned: " + f);
        }
    }

    /** Whether {@code head} starts with a newc magic (the kernel's test for "an uncompressed archive follows"). */
    public static boolean startsArchive(byte[] head) {
        if (head.length < 6) return false;
        String m = new String(head, 0, 6, StandardCharsets.ISO_8859_1);
        return m.equals(MAGIC) || m.equals(MAGIC_CRC);
    }

    /** Reads a header and its name, leaving the input at the file data. */
    public static CpioNewcHeader read(CpioInput in) throws IOException {
        long at = in.offset();
        byte[] h = in.readFully(SIZE, STRUCTURE);
        String magic = new String(h, 0, 6, StandardCharsets.ISO_8859_1);
        if (!magic.equals(MAGIC) && !magic.equals(MAGIC_CRC)) {
            throw new CorruptStructureException(STRUCTURE, at, "c_magic", MAGIC + " or " + MAGIC_CRC, printable(magic));
        }
        long ino = hex(h, OFF_INO, at, "c_ino");
        long mode = hex(h, OFF_MODE, at, "c_mode");
        long uid = hex(h, OFF_UID, at, "c_uid");
        long gid = hex(h, OFF_GID, at, "c_gid");
        long nlink = hex(h, OFF_NLINK, at, "c_nlink");
        long mtime = hex(h, OFF_MTIME, at, "c_mtime");
        long fileSize = hex(h, OFF_FILESIZE, at, "c_filesize");
        long devMajor = hex(h, OFF_DEVMAJOR, at, "c_devmajor");
        long devMinor = hex(h, OFF_DEVMINOR, at, "c_devminor");
        long rdevMajor = hex(h, OFF_RDEVMAJOR, at, "c_rdevmajor");
        long rdevMinor = hex(h, OFF_RDEVMINOR, at, "c_rdevminor");
        long nameSize = hex(h, OFF_NAMESIZE, at, "c_namesize");
        long check = hex(h, OFF_CHECK, at, "c_check");
        if (nameSize < 2 || nameSize > MAX_NAME) {
            throw new CorruptStructureException(STRUCTURE, at + OFF_NAMESIZE, "c_namesize", "2.." + MAX_NAME, nameSize);
        }
        byte[] name = in.readFully((int) nameSize, "cpio newc name");
        if (name[name.length - 1] != 0) {
            throw new CorruptStructureException("cpio newc name", at + SIZE, "terminator", 0, name[name.length - 1] & 0xff);
        }
        in.skip(pad4(SIZE + nameSize), "cpio newc name padding");
        return new CpioNewcHeader(at, magic, ino, mode, uid, gid, nlink, mtime, fileSize, devMajor, devMinor, rdevMajor,
                rdevMinor, check, new String(name, 0, name.length - 1, StandardCharsets.UTF_8));
    }

    /** Header, name, its NUL and the padding to 4 bytes: everything before the file data. */
    public byte[] encode() {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        long nameSize = n.length + 1L;
        int total = Math.toIntExact(SIZE + nameSize + pad4(SIZE + nameSize));
        byte[] b = Arrays.copyOf(magic.getBytes(StandardCharsets.US_ASCII), total);
        long[] fields = {ino, mode, uid, gid, nlink, mtime, fileSize, devMajor, devMinor, rdevMajor, rdevMinor, nameSize, check};
        for (int i = 0; i < fields.length; i++) putHex(b, OFF_INO + 8 * i, fields[i]);
        System.arraycopy(n, 0, b, SIZE, n.length);
        return b;
    }

    /** c_namesize: the name's UTF-8 bytes plus the terminating NUL. */
    public long nameSize() {
        return name.getBytes(StandardCharsets.UTF_8).length + 1L;
    }

    public boolean trailer() {
        return name.equals(TRAILER);
    }

    public int fileType() {
        return (int) (mode & S_IFMT);
    }

    public boolean directory() {
        return fileType() == S_IFDIR;
    }

    /** Bytes of data plus padding after the name. */
    public long dataAndPadding() {
        return fileSize + pad4(fileSize);
    }

    /** Zero bytes that bring {@code n} to a multiple of 4. */
    public static long pad4(long n) {
        return (4 - (n & 3)) & 3;
    }

    private static long hex(byte[] h, int at, long headerOffset, String field) throws CorruptStructureException {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            int d = Character.digit(h[i] & 0xff, 16);
            if (d < 0) {
                throw new CorruptStructureException(STRUCTURE, headerOffset + at, field, "8 hex digits",
                        printable(new String(h, at, 8, StandardCharsets.ISO_8859_1)));
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static void putHex(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) b.append(c);
            else b.append(String.format("\\x%02x", (int) c));
        }
        return b.append('"').toString();
    }
}
