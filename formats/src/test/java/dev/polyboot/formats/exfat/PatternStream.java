package dev.polyboot.formats.exfat;

import java.io.InputStream;
import java.util.Random;

/** A long pseudo-random stream made of one random 1 MiB block salted with the block number: cheap, never in memory. */
final class PatternStream extends InputStream {
    private final byte[] block = new byte[1 << 20];
    private final long length;
    private long pos;

    PatternStream(long length, long seed) {
        this.length = length;
        new Random(seed).nextBytes(block);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= length) return -1;
        int n = (int) Math.min(len, length - pos);
        for (int i = 0; i < n; i++) {
            long p = pos + i;
            int inBlock = (int) (p & (block.length - 1));
            byte v = block[inBlock];
            if (inBlock < 8) v ^= (byte) ((p >>> 20) >>> (8 * inBlock));
            b[off + i] = v;
        }
        pos += n;
        return n;
    }
}
