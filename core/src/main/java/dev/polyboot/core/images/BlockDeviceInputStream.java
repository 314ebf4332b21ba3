package dev.polyboot.core.images;

import dev.polyboot.formats.io.BlockDevice;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** A block device (a file's bytes) as a stream from its start; closing it closes the device and whatever it rests on. */
final class BlockDeviceInputStream extends InputStream {
    private final BlockDevice dev;
    private final Closeable[] also;
    private long pos;

    BlockDeviceInputStream(BlockDevice dev, Closeable... also) {
        this.dev = dev;
        this.also = also;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        long left = dev.size() - pos;
        if (left <= 0) return -1;
        int n = (int) Math.min(len, left);
        dev.read(pos, ByteBuffer.wrap(b, off, n));
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        try {
            dev.close();
        } finally {
            for (Closeable c : also) c.close();
        }
    }
}
