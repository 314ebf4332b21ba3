package dev.polyboot.formats.cpio;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One member of a newc archive as {@link CpioNewcWriter} writes it and {@link CpioNewcReader} gives it back: what
 * an initramfs needs (name, type and permissions, time, contents); owner, inode and device numbers are the writer's
 * business. The factories make the three kinds polyboot writes; the canonical constructor also takes the other file
 * types (fifo, socket, devices, all without data), which the reader meets in archives made by others.
 *
 * @param name       relative path ("polyboot/init"): not empty, no leading '/', no empty or ".." component, no NUL,
 *                   at most {@link #MAX_NAME_BYTES} bytes of UTF-8, not {@value CpioNewcHeader#TRAILER}
 * @param mode       file type and permission bits, st_mode style ({@code 0100755})
 * @param mtime      seconds since 1970 (0 from the factories: reproducible archives)
 * @param data       the file's contents (a symlink's: its target's bytes); copied in and out
 * @param linkTarget the target of a symlink, null for every other type
 */
public record CpioEntry(String name, int mode, long mtime, byte[] data, String linkTarget) {
    /** Linux's PATH_MAX less the NUL: c_namesize is at most {@value CpioNewcHeader#MAX_NAME}. */
    public static final int MAX_NAME_BYTES = CpioNewcHeader.MAX_NAME - 1;
    /** A symlink's target is a path too. */
    public static final int MAX_TARGET_BYTES = CpioNewcHeader.MAX_NAME - 1;

    public CpioEntry {
        String bad = nameProblem(Objects.requireNonNull(name, "name"));
        if (bad != null) throw new IllegalArgumentException("cpio entry name \"" + name + "\": " + bad);
        if ((mode & ~0177777) != 0 || !knownType(mode & CpioNewcHeader.S_IFMT)) {
            throw new IllegalArgumentException(name + ": not a file type and permission bits: 0" + Integer.toOctalString(mode));
        }
        if (mtime < 0 || mtime > 0xFFFF_FFFFL) throw new IllegalArgumentException(name + ": mtime outside 0..2^32-1: " + mtime);
        data = Objects.requireNonNull(data, "data").clone();
        int type = mode & CpioNewcHeader.S_IFMT;
        if (type == CpioNewcHeader.S_IFLNK) {
            String t = targetProblem(Objects.requireNonNull(linkTarget, "a symlink needs its target"));
            if (t != null) throw new IllegalArgumentException(name + ": symlink target \"" + linkTarget + "\": " + t);
            if (!Arrays.equals(data, linkTarget.getBytes(StandardCharsets.UTF_8))) {
                throw new IllegalArgumentException(name + ": a symlink's data are its target's UTF-8 bytes");
            }
        } else if (linkTarget != null) {
            throw new IllegalArgumentException(name + ": only a symlink has a target");
        } else if (type != CpioNewcHeader.S_IFREG && data.length > 0) {
            throw new IllegalArgumentException(name + ": only files and symlinks have data");
        }
    }

    /** A directory {@code 040000 | permissions}. */
    public static CpioEntry directory(String name, int permissions) {
        return new CpioEntry(name, CpioNewcHeader.S_IFDIR | permissions(permissions), 0, new byte[0], null);
    }

    /** A regular file {@code 0100000 | permissions} holding {@code data}. */
    public static CpioEntry file(String name, int permissions, byte[] data) {
        return new CpioEntry(name, CpioNewcHeader.S_IFREG | permissions(permissions), 0, data, null);
    }

    /** A symlink {@code 0120777} to {@code target}, which is stored as its data (without NUL, as ln -s makes it). */
    public static CpioEntry symlink(String name, String target) {
        String t = targetProblem(Objects.requireNonNull(target, "target"));
        if (t != null) throw new IllegalArgumentException(name + ": symlink target \"" + target + "\": " + t);
        return new CpioEntry(name, CpioNewcHeader.S_IFLNK | 0777, 0, target.getBytes(StandardCharsets.UTF_8), target);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Bytes of data, without copying them. */
    public int size() {
        return data.length;
    }

    public int fileType() {
        return mode & CpioNewcHeader.S_IFMT;
    }

    public int permissions() {
        return mode & 07777;
    }

    public boolean directory() {
        return fileType() == CpioNewcHeader.S_IFDIR;
    }

    public boolean regularFile() {
        return fileType() == CpioNewcHeader.S_IFREG;
    }

    public boolean symlink() {
        return fileType() == CpioNewcHeader.S_IFLNK;
    }

    /** The data without a copy, for the writer. */
    byte[] dataUnsafe() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpioEntry e && name.equals(e.name) && mode == e.mode && mtime == e.mtime
                && Arrays.equals(data, e.data) && Objects.equals(linkTarget, e.linkTarget);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mode, mtime, Arrays.hashCode(data), linkTarget);
    }

    @Override
    public String toString() {
        return "CpioEntry[" + name + " 0" + Integer.toOctalString(mode) + " mtime " + mtime + ", " + data.length + " bytes"
                + (linkTarget == null ? "" : " -> " + linkTarget) + "]";
    }

    /** Why {@code name} cannot be an entry's name, or null when it can. */
    static String nameProblem(String name) {
        if (name.isEmpty()) return "empty";
        if (name.indexOf('\0') >= 0) return "contains NUL";
        if (name.startsWith("/")) return "absolute (leading '/'); archive names are relative to the extraction root";
        if (name.equals(CpioNewcHeader.TRAILER)) return "is the end-of-archive marker";
        for (String c : name.split("/", -1)) {
            if (c.isEmpty()) return "has an empty component ('//' or a trailing '/')";
            if (c.equals("..")) return "has a \"..\" component";
        }
        int n = utf8Length(name);
        if (n < 0) return "is not valid Unicode (unpaired surrogate)";
        if (n > MAX_NAME_BYTES) return n + " bytes of UTF-8, more than " + MAX_NAME_BYTES;
        return null;
    }

    static String targetProblem(String target) {
        if (target.isEmpty()) return "empty";
        if (target.indexOf('\0') >= 0) return "contains NUL";
        int n = utf8Length(target);
        if (n < 0) return "is not valid Unicode (unpaired surrogate)";
        if (n > MAX_TARGET_BYTES) return n + " bytes of UTF-8, more than " + MAX_TARGET_BYTES;
        return null;
    }

    private static int utf8Length(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            return b.remaining();
        } catch (CharacterCodingException e) {
            return -1;
        }
    }

    private static int permissions(int permissions) {
        if ((permissions & ~07777) != 0) {
            throw new IllegalArgumentException("permissions are 12 bits (setuid, setgid, sticky, rwx×3): 0" + Integer.toOctalString(permissions));
        }
        return permissions;
    }

    private static boolean knownType(int type) {
        return switch (type) {
            case CpioNewcHeader.S_IFSOCK, CpioNewcHeader.S_IFLNK, CpioNewcHeader.S_IFREG, CpioNewcHeader.S_IFBLK,
                 CpioNewcHeader.S_IFDIR, CpioNewcHeader.S_IFCHR, CpioNewcHeader.S_IFIFO -> true;
            default -> false;
        };
    }
}
