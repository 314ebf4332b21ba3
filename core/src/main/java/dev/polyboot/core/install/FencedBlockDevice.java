package dev.polyboot.core.install;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Passes everything through except writes into one byte range, which fail. {@code update} runs behind a
 * fence around the data partition, so no bug in the boot-partition code can touch the user's files.
 */
final class FencedBlockDevice implements BlockDevice {
    private final BlockDevice inner;
    private final long fenceStart;
    private final long fenceEnd;

    FencedBlockDevice(BlockDevice inner, long fenceStart, long fenceLength) {
        this.inner = inner;
        this.fenceStart = fenceStart;
        this.fenceEnd = Math.addExact(fenceStart, fenceLength);
    }

    @Override public long size() { return inner.size(); }
    @Override public int sectorSize() { return inner.sectorSize(); }
    @Override public boolean isReadOnly() { return inner.isReadOnly(); }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        inner.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        check(offset, src.remaining());
        inner.write(offset, src);
    }

    @Override
    public void zero(long offset, long length) throws IOException {
        check(offset, length);
        inner.zero(offset, length);
    }

    @Override
    public void flush() throws IOException {
        inner.flush();
    }

    private void check(long offset, long length) throws IOException {
        if (length > 0 && offset < fenceEnd && offset + length > fenceStart) {
            throw new IOException("refusing to write " + length + " bytes at " + offset
                    + ": inside the protected data partition " + fenceStart + ".." + fenceEnd);
        }
    }
}
