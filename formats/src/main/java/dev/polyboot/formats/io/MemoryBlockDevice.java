package dev.polyboot.formats.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A block device over a byte array: for tests and for building small images in memory. */
public final class MemoryBlockDevice implements BlockDevice {
    private final byte[] data;
    private final int sectorSize;
    private final boolean readOnly;

    public MemoryBlockDevice(int size) {
        this(new byte[size], 512, false);
    }

    public MemoryBlockDevice(byte[] data, int sectorSize, boolean readOnly) {
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new IllegalArgumentException("sector size must be 512 or 4096: " + sectorSize);
        }
        this.data = data;
        this.sectorSize = sectorSize;
        this.readOnly = readOnly;
    }

    /** Wraps a copy of {@code bytes}, read-only: convenient for decoding hostile input in fuzz tests. */
    public static MemoryBlockDevice of(byte[] bytes) {
        return new MemoryBlockDevice(bytes.clone(), 512, true);
    }

    public byte[] bytes() {
        return data;
    }

    @Override public long size() { return data.length; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public boolean isReadOnly() { return readOnly; }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        BlockRanges.check(this, offset, dst.remaining());
        dst.put(data, (int) offset, dst.remaining());
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        if (readOnly) throw new IOException("device is read-only");
        BlockRanges.check(this, offset, src.remaining());
        src.get(data, (int) offset, src.remaining());
    }

    @Override public void flush() {}
}
