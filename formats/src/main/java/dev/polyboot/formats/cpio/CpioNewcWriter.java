package dev.polyboot.formats.cpio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes newc archives the Linux kernel unpacks as initramfs. Unlike GRUB 2.06's {@code newc:} initrd option, whose
 * c_namesize leaves out the name's terminating NUL (new kernels refuse that: "initramfs name without nulterm"), the
 * NUL is counted here, as in GNU cpio and the kernel's own gen_init_cpio.
 *
 * <p>Deterministic, so that the same entries give the same bytes: inode numbers 1, 2, ... in list order, nlink 2 for
 * directories and 1 for the rest, uid, gid and device numbers 0, c_check 0, upper-case hex (GNU cpio's). Then the
 * {@value CpioNewcHeader#TRAILER} entry (all fields 0 but nlink 1, as GNU cpio writes it), and zeros up to a multiple
 * of {@value #BLOCK} bytes (GNU cpio's default block). Apart from c_ino (GNU cpio {@code --reproducible} counts from
 * 0) the bytes equal GNU cpio's for the same tree with mtime 0 and owner 0:0.
 */
public final class CpioNewcWriter {
    /** The archive is padded to whole blocks of this size. */
    public static final int BLOCK = 512;

    private CpioNewcWriter() {}

    /** The whole archive, trailer and padding included. */
    public static byte[] write(List<CpioEntry> entries) {
        check(entries);
        long size = size(entries);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + size + "-byte archive does not fit an array; write it to a stream");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        try {
            writeChecked(entries, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /** Writes the whole archive, trailer and padding included, to {@code out} (not closed). */
    public static void write(List<CpioEntry> entries, OutputStream out) throws IOException {
        check(entries);
        writeChecked(entries, Objects.requireNonNull(out, "out"));
    }

    private static void writeChecked(List<CpioEntry> entries, OutputStream out) throws IOException {
        long offset = 0;
        long ino = 0;
        for (CpioEntry e : entries) {
            CpioNewcHeader h = new CpioNewcHeader(offset, CpioNewcHeader.MAGIC, ++ino, e.mode(), 0, 0, e.directory() ? 2 : 1,
                    e.mtime(), e.size(), 0, 0, 0, 0, 0, e.name());
            offset = entry(out, h, e.dataUnsafe());
        }
        offset = entry(out, trailer(offset), new byte[0]);
        out.write(new byte[(int) padding(offset)]);
    }

    /** Bytes {@link #write} produces for {@code entries}. */
    static long size(List<CpioEntry> entries) {
        long offset = 0;
        for (CpioEntry e : entries) offset += entrySize(e.name(), e.size());
        offset += entrySize(CpioNewcHeader.TRAILER, 0);
        return offset + padding(offset);
    }

    private static long entry(OutputStream out, CpioNewcHeader h, byte[] data) throws IOException {
        out.write(h.encode());
        out.write(data);
        out.write(new byte[(int) CpioNewcHeader.pad4(data.length)]);
        return h.offset() + entrySize(h.name(), data.length);
    }

    private static CpioNewcHeader trailer(long offset) {
        return new CpioNewcHeader(offset, CpioNewcHeader.MAGIC, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, CpioNewcHeader.TRAILER);
    }

    private static long entrySize(String name, long dataSize) {
        long headerAndName = CpioNewcHeader.SIZE + name.getBytes(StandardCharsets.UTF_8).length + 1L;
        return headerAndName + CpioNewcHeader.pad4(headerAndName) + dataSize + CpioNewcHeader.pad4(dataSize);
    }

    private static long padding(long offset) {
        return (BLOCK - offset % BLOCK) % BLOCK;
    }

    private static void check(List<CpioEntry> entries) {
        Set<String> names = new HashSet<>();
        for (CpioEntry e : Objects.requireNonNull(entries, "entries")) {
            Objects.requireNonNull(e, "entry");
            if (!e.directory() && !e.regularFile() && !e.symlink()) {
                // device nodes would need device numbers CpioEntry does not carry; fifos and sockets are not needed
                throw new IllegalArgumentException(e.name() + ": the writer writes directories, files and symlinks, not 0"
                        + Integer.toOctalString(e.fileType()));
            }
            if (!names.add(e.name())) throw new IllegalArgumentException("two entries named " + e.name());
        }
    }
}
