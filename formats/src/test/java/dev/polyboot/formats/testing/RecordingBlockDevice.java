package dev.polyboot.formats.testing;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes everything to another device and logs every write (zeroing included) in order, so that a test can
 * replay any prefix of an operation's writes, or all but one of them, onto a copy of the starting image: the
 * states a power cut (or a lost write) can leave behind. Each logged write is treated as atomic.
 */
public final class RecordingBlockDevice implements BlockDevice {
    /** One write: {@code data.length} bytes at {@code offset}. */
    public record Write(long offset, byte[] data) {
        public void applyTo(byte[] image) {
            System.arraycopy(data, 0, image, (int) offset, data.length);
        }
    }

    private final BlockDevice delegate;
    private final List<Write> writes = new ArrayList<>();
    private final List<Integer> flushes = new ArrayList<>();

    public RecordingBlockDevice(BlockDevice delegate) {
        this.delegate = delegate;
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /**
     * Index one past the last write that a flush after write {@code i} made durable together with it: a lost
     * write {@code i} can only be missing from states that end before this (the flush would not have returned).
     */
    public int epochEnd(int i) {
        for (int f : flushes) if (f > i) return f;
        return writes.size();
    }

    @Override public long size() { return delegate.size(); }
    @Override public int sectorSize() { return delegate.sectorSize(); }
    @Override public boolean isReadOnly() { return delegate.isReadOnly(); }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        delegate.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        byte[] copy = new byte[src.remaining()];
        src.duplicate().get(copy);
        delegate.write(offset, src);
        writes.add(new Write(offset, copy));
    }

    @Override
    public void zero(long offset, long length) throws IOException {
        delegate.zero(offset, length);
        writes.add(new Write(offset, new byte[Math.toIntExact(length)]));
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
        if (flushes.isEmpty() || flushes.get(flushes.size() - 1) != writes.size()) flushes.add(writes.size());
    }
}
