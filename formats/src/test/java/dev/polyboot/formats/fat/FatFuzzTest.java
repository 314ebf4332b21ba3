package dev.polyboot.formats.fat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.EOFException;
import java.util.Map;
import java.util.TreeMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.junit.jupiter.api.Tag;

/**
 * Opening, walking and reading a hostile image may only fail with FormatException subclasses. Inputs
 * either are the whole image, or patch bytes of a valid in-memory image (the seed) so that the fuzzer
 * starts from structures that pass the boot-sector checks.
 */
@Tag("fuzz")
class FatFuzzTest {
    private static final byte[] SEED = SmallImages.fat16WithFiles();
    /** Boot sector, FATs, root directory and the first data clusters of the seed. */
    private static final int PATCH_AREA = 96 * 1024;

    @FuzzTest(maxDuration = "60s")
    void openWalkAndReadOnlyThrowFormatExceptions(FuzzedDataProvider data) throws IOException {
        BlockDevice dev;
        if (data.consumeBoolean()) {
            dev = new MemoryBlockDevice(data.consumeRemainingAsBytes(), 512, true);
        } else {
            TreeMap<Long, Byte> patches = new TreeMap<>();
            int count = data.consumeInt(0, 48);
            for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
                patches.put((long) data.consumeInt(0, PATCH_AREA - 1), data.consumeByte());
            }
            dev = new PatchedDevice(SEED, patches);
        }
        try (FatVolume v = FatVolume.open(dev, FatOracleTest.CLOCK)) {
            v.label();
            v.freeBytes();
            walk(v, "/", 0, new int[] {0});
        } catch (FormatException expected) {
            // Rejecting the image is fine; any other exception is a finding.
        }
    }

    /** The seed image with a few bytes replaced, without copying the seed for every input. */
    private record PatchedDevice(byte[] base, TreeMap<Long, Byte> patches) implements BlockDevice {
        @Override public long size() { return base.length; }
        @Override public int sectorSize() { return 512; }
        @Override public boolean isReadOnly() { return true; }
        @Override public void flush() { }

        @Override
        public void read(long offset, ByteBuffer dst) throws IOException {
            if (offset < 0 || offset + dst.remaining() > base.length) throw new EOFException("beyond seed image: " + offset);
            int start = dst.position();
            int len = dst.remaining();
            dst.put(base, (int) offset, len);
            for (Map.Entry<Long, Byte> p : patches.subMap(offset, offset + len).entrySet()) {
                dst.put(start + (int) (p.getKey() - offset), p.getValue());
            }
        }

        @Override
        public void write(long offset, ByteBuffer src) throws IOException {
            throw new IOException("read-only");
        }
    }

    private static void walk(FatVolume v, String dir, int depth, int[] budget) throws IOException {
        if (depth > 6) return;
        for (FsEntry e : v.list(dir)) {
            if (++budget[0] > 2000) return;
            try {
                v.stat(e.path());
                if (e.directory()) {
                    walk(v, e.path(), depth + 1, budget);
                } else {
                    v.extents(e.path());
                    try (SeekableByteChannel ch = v.open(e.path())) {
                        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                        while (ch.read(b.clear()) > 0) { }
                    }
                }
            } catch (FormatException perEntry) {
                // One damaged entry must not hide the others.
            }
        }
    }
}
