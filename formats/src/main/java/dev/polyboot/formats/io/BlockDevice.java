package dev.polyboot.formats.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Byte-addressed random access to a disk, a disk image, a partition window or a memory buffer.
 * Offsets and lengths are in bytes; {@link #sectorSize()} is the logical sector size the partition
 * tables on this device are expressed in (512 or 4096).
 */
public interface BlockDevice extends Closeable {

    /** Size in bytes. */
    long size();

    /** Logical sector size in bytes (512 or 4096). */
    int sectorSize();

    boolean isReadOnly();

    /** Reads exactly {@code dst.remaining()} bytes at {@code offset}; fails rather than returning short. */
    void read(long offset, ByteBuffer dst) throws IOException;

    /** Writes all of {@code src.remaining()} bytes at {@code offset}. */
    void write(long offset, ByteBuffer src) throws IOException;

    /** Makes written data durable (fsync for files and devices). */
    void flush() throws IOException;

    /** Writes zeros over a range; implementations may do this without allocating the range. */
    default void zero(long offset, long length) throws IOException {
        BlockRanges.check(this, offset, length);
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
        long done = 0;
        while (done < length) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), length - done));
            write(offset + done, zeros);
            done += zeros.limit();
        }
    }

    /** Convenience: reads {@code length} bytes into a new buffer. Length is the caller's bound. */
    default ByteBuffer read(long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        read(offset, b);
        return b.flip();
    }

    @Override
    default void close() throws IOException {}
}
