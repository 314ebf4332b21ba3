package dev.polyboot.formats.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A window onto another device, e.g. one partition. Closing the slice does not close the parent. */
public final class SliceBlockDevice implements BlockDevice {
    private final BlockDevice parent;
    private final long start;
    private final long length;

    public SliceBlockDevice(BlockDevice parent, long start, long length) {
        if (start < 0 || length < 0 || start > parent.size() || length > parent.size() - start) {
            throw new IllegalArgumentException("slice " + start + "+" + length + " outside device of " + parent.size());
        }
        this.parent = parent;
        this.start = start;
        this.length = length;
    }

    public BlockDevice parent() { return parent; }
    /** Byte offset of this slice on its parent. */
    public long start() { return start; }

    @Override public long size() { return length; }
    @Override public int sectorSize() { return parent.sectorSize(); }
    @Override public boolean isReadOnly() { return parent.isReadOnly(); }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        BlockRanges.check(this, offset, dst.remaining());
        parent.read(start + offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        BlockRanges.check(this, offset, src.remaining());
        parent.write(start + offset, src);
    }

    @Override
    public void zero(long offset, long len) throws IOException {
        BlockRanges.check(this, offset, len);
        parent.zero(start + offset, len);
    }

    @Override public void flush() throws IOException { parent.flush(); }
}
