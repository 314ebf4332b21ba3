package dev.polyboot.formats.exfat;

import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/** Read-only view of a file through its extents; bytes at or beyond ValidDataLength read as zeros (§7.6.5). */
final class ExfatFileChannel implements SeekableByteChannel {
    private final BlockDevice dev;
    private final List<Extent> extents;
    private final long size;
    private final long validLength;
    private long position;
    private boolean open = true;

    ExfatFileChannel(BlockDevice dev, List<Extent> extents, long size, long validLength) {
        this.dev = dev;
        this.extents = extents;
        this.size = size;
        this.validLength = Math.min(validLength, size);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new ClosedChannelException();
        if (position >= size) return -1;
        int want = (int) Math.min(dst.remaining(), size - position);
        if (want == 0) return 0;
        if (position >= validLength) {
            for (int i = 0; i < want; i++) dst.put((byte) 0);
            position += want;
            return want;
        }
        Extent e = find(position);
        long inExtent = position - e.fileOffset();
        int n = (int) Math.min(want, Math.min(e.length() - inExtent, validLength - position));
        ByteBuffer slice = dst.slice();
        slice.limit(n);
        dev.read(e.deviceOffset() + inExtent, slice);
        dst.position(dst.position() + n);
        position += n;
        return n;
    }

    private Extent find(long pos) {
        int lo = 0;
        int hi = extents.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (extents.get(mid).fileOffset() <= pos) lo = mid; else hi = mid - 1;
        }
        return extents.get(lo);
    }

    @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }
    @Override public SeekableByteChannel truncate(long s) { throw new NonWritableChannelException(); }

    @Override
    public long position() throws IOException {
        if (!open) throw new ClosedChannelException();
        return position;
    }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
        if (!open) throw new ClosedChannelException();
        if (p < 0) throw new IllegalArgumentException("negative position " + p);
        position = p;
        return this;
    }

    @Override
    public long size() throws IOException {
        if (!open) throw new ClosedChannelException();
        return size;
    }

    @Override public boolean isOpen() { return open; }
    @Override public void close() { open = false; }
}
