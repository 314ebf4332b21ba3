package dev.polyboot.formats.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A disk image file, or a block device node opened as a file. Image files are created sparse
 * ({@link #createSparse}): regions never written stay holes.
 */
public final class FileBlockDevice implements BlockDevice {
    private final FileChannel channel;
    private final long size;
    private final int sectorSize;
    private final boolean readOnly;

    private FileBlockDevice(FileChannel channel, long size, int sectorSize, boolean readOnly) {
        this.channel = channel;
        this.size = size;
        this.sectorSize = sectorSize;
        this.readOnly = readOnly;
    }

    /** Opens an existing image file of any size (its current length is the device size). */
    public static FileBlockDevice open(Path file, boolean readOnly) throws IOException {
        FileChannel ch = readOnly
                ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FileBlockDevice(ch, ch.size(), 512, readOnly);
    }

    /** Opens a device node whose size and sector size were found by the caller (sysfs or ioctl). */
    public static FileBlockDevice openDevice(Path node, long size, int sectorSize, boolean readOnly) throws IOException {
        FileChannel ch = readOnly
                ? FileChannel.open(node, StandardOpenOption.READ)
                : FileChannel.open(node, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        return new FileBlockDevice(ch, size, sectorSize, readOnly);
    }

    /** Creates (or truncates) a sparse image file of {@code size} bytes. */
    public static FileBlockDevice createSparse(Path file, long size) throws IOException {
        if (size <= 0 || size % 512 != 0) {
            throw new IllegalArgumentException("image size must be a positive multiple of 512: " + size);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE);
        // Writing the last byte sets the length without allocating the blocks before it.
        ch.write(ByteBuffer.allocate(1), size - 1);
        return new FileBlockDevice(ch, size, 512, false);
    }

    @Override public long size() { return size; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public boolean isReadOnly() { return readOnly; }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        BlockRanges.check(this, offset, dst.remaining());
        long pos = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) throw new EOFException("unexpected end of image at " + pos);
            pos += n;
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        if (readOnly) throw new IOException("device is read-only");
        BlockRanges.check(this, offset, src.remaining());
        long pos = offset;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
