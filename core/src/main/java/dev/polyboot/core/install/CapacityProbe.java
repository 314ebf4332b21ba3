package dev.polyboot.core.install;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Finds a stick that does not hold what it claims (fake capacity: writes past the real size wrap onto lower addresses
 * or are dropped), the way f3probe and Etcher do: before install writes anything else, one 4 KiB block, each naming its
 * own offset and a per-run nonce, is written at {@value #PROBES} to {@code 2 * PROBES} places spread over the whole disk
 * (first and last block included, see {@link #offsets}), and all are read back <em>through a view that bypasses the page cache</em> — a buffered read would
 * return what was just written even if the stick dropped it. The blocks are overwritten by the install or left in
 * free space.
 */
public final class CapacityProbe {
    static final int PROBES = 64;
    static final int BLOCK = 4096;
    private static final byte[] MAGIC = "POLYBOOT-CAPACITY-PROBE\0".getBytes(StandardCharsets.US_ASCII);

    private CapacityProbe() {}

    /**
     * The probe offsets for a device of {@code size} bytes: a grid whose step is a power of two (at least
     * {@value #PROBES} points), plus the last block. A fake stick ignores high address bits, so a write past its real
     * size lands on a lower multiple of that power of two: on another probe, which then reads back wrong.
     */
    static List<Long> offsets(long size) {
        long lastBlock = (size / BLOCK - 1) * BLOCK;
        long step = Math.max(BLOCK, Long.highestOneBit(Math.max(1, size / PROBES)));
        List<Long> out = new ArrayList<>();
        for (long off = 0; off < lastBlock; off += step) out.add(off);
        out.add(Math.max(0, lastBlock));
        return out;
    }

    /**
     * Writes the probes through {@code dev}, flushes, and reads them back through {@code uncached} (the same disk).
     *
     * @throws FakeCapacityException naming the first block that did not read back and how much of the disk is real
     */
    public static void check(BlockDevice dev, BlockDevice uncached, long nonce) throws IOException {
        if (uncached.size() != dev.size()) throw new IllegalArgumentException("the read-back view has another size");
        List<Long> offsets = offsets(dev.size());
        for (long off : offsets) dev.write(off, block(off, nonce));
        dev.flush();
        long lastGood = -1;
        for (long off : offsets) {
            ByteBuffer got = uncached.read(off, BLOCK);
            if (!got.equals(block(off, nonce))) {
                throw new FakeCapacityException(off, lastGood, dev.size(), describe(got, nonce));
            }
            lastGood = off;
        }
    }

    /** What a block that failed to read back holds instead: another probe (the write wrapped), zeros, or other data. */
    private static String describe(ByteBuffer got, long nonce) {
        ByteBuffer b = got.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] head = new byte[MAGIC.length];
        b.get(0, head);
        if (java.util.Arrays.equals(head, MAGIC) && b.getLong(MAGIC.length + 8) == nonce) {
            return "it holds the probe written at byte " + b.getLong(MAGIC.length) + " (the write wrapped around)";
        }
        for (int i = 0; i < got.limit(); i++) {
            if (got.get(i) != 0) return "it holds other data";
        }
        return "it reads as zeros (the write was dropped)";
    }

    static ByteBuffer block(long offset, long nonce) {
        ByteBuffer b = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putLong(offset).putLong(nonce);
        SplittableRandom r = new SplittableRandom(offset ^ nonce);
        while (b.remaining() >= 8) b.putLong(r.nextLong());
        return b.flip();
    }
}
