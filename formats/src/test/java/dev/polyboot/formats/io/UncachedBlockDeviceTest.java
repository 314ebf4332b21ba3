package dev.polyboot.formats.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polyboot.formats.testing.LoopDevice;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncachedBlockDeviceTest {

    /**
     * The bytes come from the device, not from the page cache: a loop device's own cache keeps what was written
     * through it, and a change made to its backing file behind its back shows only to an uncached read.
     */
    @Test
    void readsTheDeviceNotThePageCache(@TempDir Path tmp) throws Exception {
        Path image = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(8 << 20);
        }
        long at = 3 << 20;
        try (LoopDevice loop = LoopDevice.attach(image, 512)) {
            long size = Files.size(image);
            // the kernel drops a block device's page cache at its last close: keep it open, as install does
            try (FileBlockDevice dev = FileBlockDevice.openDevice(loop.node(), size, 512, false)) {
                dev.write(at, ByteBuffer.wrap("written-through-the-device".getBytes(StandardCharsets.US_ASCII)));
                dev.flush();
                dev.read(at, 26);
                try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                    f.seek(at);
                    f.write("changed-behind-its-back!!!".getBytes(StandardCharsets.US_ASCII));
                    f.getFD().sync();
                }
                String seen = StandardCharsets.US_ASCII.decode(dev.read(at, 26)).toString();
                // without this the test would prove nothing: the kernel must still serve the old bytes from its cache
                assumeTrue(seen.equals("written-through-the-device"), "page cache already dropped: " + seen);
                try (UncachedBlockDevice direct = UncachedBlockDevice.open(loop.node(), size, 512)) {
                    assertThat(direct.bypassesCache()).isTrue();
                    assertThat(StandardCharsets.US_ASCII.decode(direct.read(at, 26)).toString()).isEqualTo("changed-behind-its-back!!!");
                }
            }
        }
    }

    /** Unaligned offsets and lengths read exactly what a buffered read gives, up to the last byte. */
    @Property(tries = 60)
    void unalignedReadsMatchBufferedReads(@ForAll @IntRange(min = 0, max = 3_000_000) int offset,
                                          @ForAll @IntRange(min = 0, max = 1_500_000) int length) throws Exception {
        Path image = Files.createTempFile(Path.of("target"), "uncached", ".img");
        try {
            int size = 3_000_000 + 1234; // not a multiple of the alignment
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            Files.write(image, bytes);
            int len = Math.min(length, size - offset);
            try (UncachedBlockDevice d = UncachedBlockDevice.open(image, size, 512)) {
                ByteBuffer got = d.read(offset, len);
                assertThat(got).isEqualTo(ByteBuffer.wrap(bytes, offset, len));
            }
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
