package dev.polyboot.formats.io;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only access that bypasses the page cache (O_DIRECT), for read-backs after a write: a buffered read of what was
 * just written comes from memory, so a stick that silently drops or wraps writes (fake capacity) would pass. O_DIRECT
 * needs aligned offsets, lengths and buffers: reads go through an aligned bounce buffer. {@link #open} falls back to a
 * buffered read where the file system refuses O_DIRECT (tmpfs), and says so through {@link #bypassesCache()}.
 */
public final class UncachedBlockDevice implements BlockDevice {
    /** Alignment for O_DIRECT: a multiple of every logical block size in use (512, 4096). */
    static final int ALIGN = 4096;
    private static final int CHUNK = 1 << 20;

    private final FileChannel channel;
    private final long size;
    private final int sectorSize;
    private final boolean direct;
    private final ByteBuffer bounce;

    private UncachedBlockDevice(FileChannel channel, long size, int sectorSize, boolean direct) {
        this.channel = channel;
        this.size = size;
        this.sectorSize = sectorSize;
        this.direct = direct;
        this.bounce = direct ? ByteBuffer.allocateDirect(CHUNK + ALIGN).alignedSlice(ALIGN) : null;
    }

    /**
     * Opens {@code path} (a block device node or an image file) for uncached reads.
     *
     * @param size       the device size in bytes (a device node's channel size is 0)
     * @param sectorSize logical sector size
     */
    public static UncachedBlockDevice open(Path path, long size, int sectorSize) throws IOException {
        try {
            return new UncachedBlockDevice(FileChannel.open(path, StandardOpenOption.READ, ExtendedOpenOption.DIRECT),
                    size, sectorSize, true);
        } catch (IOException | UnsupportedOperationException e) {
            // EINVAL from a file system without O_DIRECT (tmpfs): a buffered read is all there is
            return new UncachedBlockDevice(FileChannel.open(path, StandardOpenOption.READ), size, sectorSize, false);
        }
    }

    /** False when the file system refused O_DIRECT and reads may come from the page cache. */
    public boolean bypassesCache() {
        return direct;
    }

    @Override public long size() { return size; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public boolean isReadOnly() { return true; }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        BlockRanges.check(this, offset, dst.remaining());
        if (!direct) {
            long pos = offset;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) throw new EOFException("unexpected end of " + size + "-byte device at " + pos);
                pos += n;
            }
            return;
        }
        long pos = offset;
        while (dst.hasRemaining()) {
            long alignedStart = pos - Math.floorMod(pos, ALIGN);
            int skip = (int) (pos - alignedStart);
            int want = (int) Math.min(CHUNK, roundUp(skip + (long) dst.remaining()));
            bounce.clear().limit(want);
            int got = 0;
            while (got < want) {
                int n = channel.read(bounce, alignedStart + got);
                if (n <= 0) break;
                got += n;
                if (got % ALIGN != 0) break; // a short read ends at the end of the device (its last partial block)
            }
            int usable = Math.min(got - skip, dst.remaining());
            if (usable <= 0) throw new EOFException("unexpected end of " + size + "-byte device at " + pos);
            ByteBuffer slice = bounce.duplicate().position(skip).limit(skip + usable);
            dst.put(slice);
            pos += usable;
        }
    }

    private static long roundUp(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        throw new IOException("an uncached device is for reading back only");
    }

    @Override public void flush() {}

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
