package dev.polyboot.formats.fat;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An image file seen as a disk with another logical sector size (FileBlockDevice.open reports 512). */
final class LogicalSectorDevice implements BlockDevice {
    private final BlockDevice inner;
    private final int sectorSize;

    LogicalSectorDevice(BlockDevice inner, int sectorSize) {
        this.inner = inner;
        this.sectorSize = sectorSize;
    }

    @Override public long size() { return inner.size(); }
    @Override public int sectorSize() { return sectorSize; }
    @Override public boolean isReadOnly() { return inner.isReadOnly(); }
    @Override public void read(long offset, ByteBuffer dst) throws IOException { inner.read(offset, dst); }
    @Override public void write(long offset, ByteBuffer src) throws IOException { inner.write(offset, src); }
    @Override public void zero(long offset, long length) throws IOException { inner.zero(offset, length); }
    @Override public void flush() throws IOException { inner.flush(); }
    @Override public void close() throws IOException { inner.close(); }
}
