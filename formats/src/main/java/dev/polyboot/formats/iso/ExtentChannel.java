package dev.polyboot.formats.iso;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/** Read-only channel over a file's extents on the device. Not thread-safe, like any channel with a position. */
final class ExtentChannel implements SeekableByteChannel {
    private final BlockDevice dev;
    private final List<Extent> extents;
    private final long size;
    private final String path;
    private long position;
    private boolean open = true;

    ExtentChannel(BlockDevice dev, IsoEntry entry) throws CorruptStructureException {
        this.dev = dev;
        this.extents = entry.extents();
        this.size = entry.size();
        this.path = entry.path();
        for (Extent e : extents) {
            if (e.deviceOffset() > dev.size() || e.length() > dev.size() - e.deviceOffset()) {
                throw new CorruptStructureException("ISO 9660 file extent of " + path, e.deviceOffset(), "extent end",
                        "within the device (" + dev.size() + " bytes)", e.deviceOffset() + "+" + e.length());
            }
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new ClosedChannelException();
        if (position >= size) return -1;
        int total = 0;
        for (Extent e : extents) {
            if (!dst.hasRemaining() || position >= size) break;
            long end = e.fileOffset() + e.length();
            if (position < e.fileOffset() || position >= end) continue;
            int n = (int) Math.min(dst.remaining(), end - position);
            ByteBuffer slice = dst.slice().limit(n);
            dev.read(e.deviceOffset() + (position - e.fileOffset()), slice);
            dst.position(dst.position() + n);
            position += n;
            total += n;
        }
        if (total == 0 && dst.hasRemaining()) {
            throw new CorruptStructureException("ISO 9660 file " + path, 0, "extents",
                    "to cover byte " + position, "a gap");
        }
        return total;
    }

    @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }
    @Override public long position() { return position; }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) throw new IllegalArgumentException("negative position " + newPosition);
        position = newPosition;
        return this;
    }

    @Override public long size() { return size; }
    @Override public SeekableByteChannel truncate(long s) { throw new NonWritableChannelException(); }
    @Override public boolean isOpen() { return open; }
    @Override public void close() { open = false; }
}
