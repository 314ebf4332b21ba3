package dev.polyboot.formats.fat;

import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/** Read-only view of a file's bytes, located by its extents (computed once when the file is opened). */
final class FatFileChannel implements SeekableByteChannel {
    private final BlockDevice dev;
    private final List<Extent> extents;
    private final long size;
    private long position;
    private boolean open = true;

    FatFileChannel(BlockDevice dev, List<Extent> extents, long size) {
        this.dev = dev;
        this.extents = extents;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) return -1;
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            Extent e = find(position);
            long within = position - e.fileOffset();
            int n = (int) Math.min(dst.remaining(), e.length() - within);
            ByteBuffer slice = dst.duplicate();
            slice.limit(slice.position() + n);
            dev.read(e.deviceOffset() + within, slice);
            dst.position(dst.position() + n);
            position += n;
            total += n;
        }
        return total;
    }

    private Extent find(long pos) {
        int lo = 0;
        int hi = extents.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (extents.get(mid).fileOffset() <= pos) lo = mid;
            else hi = mid - 1;
        }
        return extents.get(lo);
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) throw new IllegalArgumentException("negative position " + newPosition);
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long s) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) throw new ClosedChannelException();
    }
}
