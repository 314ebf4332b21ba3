package dev.polyboot.formats.udf;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/** Read-only channel over a file's pieces; holes read as zeros. Not thread-safe. */
final class UdfFileChannel implements SeekableByteChannel {
    private final BlockDevice dev;
    private final List<FilePiece> pieces;
    private final long size;
    private long position;
    private boolean open = true;

    UdfFileChannel(BlockDevice dev, List<FilePiece> pieces, long size) {
        this.dev = dev;
        this.pieces = pieces;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new ClosedChannelException();
        if (position >= size) return -1;
        int done = 0;
        while (dst.hasRemaining() && position < size) {
            FilePiece p = find(position);
            long within = position - p.fileOffset();
            int n = (int) Math.min(dst.remaining(), Math.min(p.length() - within, size - position));
            if (p.isHole()) {
                for (int i = 0; i < n; i++) dst.put((byte) 0);
            } else {
                ByteBuffer slice = dst.slice().limit(n);
                dev.read(p.deviceOffset() + within, slice);
                dst.position(dst.position() + n);
            }
            position += n;
            done += n;
        }
        return done;
    }

    /** Binary search: pieces are sorted, contiguous from 0 and cover the size (UdfImage checks). */
    private FilePiece find(long at) {
        int lo = 0;
        int hi = pieces.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (pieces.get(mid).fileOffset() <= at) lo = mid; else hi = mid - 1;
        }
        return pieces.get(lo);
    }

    @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }
    @Override public long position() { return position; }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) throw new IllegalArgumentException("negative position: " + newPosition);
        position = newPosition;
        return this;
    }

    @Override public long size() { return size; }
    @Override public SeekableByteChannel truncate(long s) { throw new NonWritableChannelException(); }
    @Override public boolean isOpen() { return open; }
    @Override public void close() { open = false; }
}
