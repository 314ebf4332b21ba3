package dev.polyboot.formats.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * The {@link SeekableByteChannel} contract of a file opened read-only: position, size, open state, reads clipped at
 * the end of the file, writes and truncation refused. Subclasses only say where the bytes are, in
 * {@link #read(ByteBuffer, long)}. Not thread-safe, like any channel with a position.
 */
public abstract class ReadOnlyFileChannel implements SeekableByteChannel {
    private final long size;
    private long position;
    private boolean open = true;

    protected ReadOnlyFileChannel(long size) {
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
        this.size = size;
    }

    /**
     * Reads the file's bytes from {@code position} into {@code dst}, whose remaining space never reaches past the end
     * of the file and is never empty. Must read at least one byte; returns how many, by which it advanced {@code dst}.
     */
    protected abstract int read(ByteBuffer dst, long position) throws IOException;

    @Override
    public final int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) return -1;
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            ByteBuffer window = dst.slice().limit((int) Math.min(dst.remaining(), size - position));
            int n = read(window, position);
            if (n <= 0 || n != window.position()) {
                throw new IllegalStateException(getClass().getSimpleName() + " read " + n + " bytes at " + position
                        + " but advanced its buffer by " + window.position());
            }
            dst.position(dst.position() + n);
            position += n;
            total += n;
        }
        return total;
    }

    @Override
    public final int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public final SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public final long position() throws IOException {
        ensureOpen();
        return position;
    }

    /** A position at or beyond the size is allowed; reads there return -1. */
    @Override
    public final SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) throw new IllegalArgumentException("negative position " + newPosition);
        position = newPosition;
        return this;
    }

    @Override
    public final long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    /** The device stays open: it belongs to the volume or image the file was opened from. */
    @Override
    public final void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) throw new ClosedChannelException();
    }
}
