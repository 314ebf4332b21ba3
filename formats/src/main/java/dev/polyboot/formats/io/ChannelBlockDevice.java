package dev.polyboot.formats.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only device over a {@link SeekableByteChannel}: an ISO stored as a file inside an exFAT or FAT volume
 * ({@code Volume.open(path)}), or a host file, read in place without copying it out first. Closing the device
 * closes the channel. Reads are serialised because a plain seekable channel has one shared position.
 */
public final class ChannelBlockDevice implements BlockDevice {
    private final SeekableByteChannel channel;
    private final long size;
    private final int sectorSize;

    /** {@code size} is the number of bytes the device exposes (at most the channel's size). */
    public ChannelBlockDevice(SeekableByteChannel channel, long size, int sectorSize) throws IOException {
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new IllegalArgumentException("sector size must be 512 or 4096: " + sectorSize);
        }
        if (size < 0 || size > channel.size()) {
            throw new IllegalArgumentException("size " + size + " outside channel of " + channel.size() + " bytes");
        }
        this.channel = channel;
        this.size = size;
        this.sectorSize = sectorSize;
    }

    /** The whole channel, 512-byte sectors. */
    public static ChannelBlockDevice of(SeekableByteChannel channel) throws IOException {
        return new ChannelBlockDevice(channel, channel.size(), 512);
    }

    @Override public long size() { return size; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public boolean isReadOnly() { return true; }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        BlockRanges.check(this, offset, dst.remaining());
        long pos = offset;
        if (channel instanceof FileChannel fc) {
            while (dst.hasRemaining()) {
                int n = fc.read(dst, pos);
                if (n < 0) throw new EOFException("unexpected end of channel at " + pos);
                pos += n;
            }
            return;
        }
        synchronized (channel) {
            channel.position(pos);
            while (dst.hasRemaining()) {
                int n = channel.read(dst);
                if (n < 0) throw new EOFException("unexpected end of channel at " + channel.position());
            }
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        throw new IOException("device is read-only");
    }

    @Override
    public void zero(long offset, long length) throws IOException {
        throw new IOException("device is read-only");
    }

    @Override public void flush() {}

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
