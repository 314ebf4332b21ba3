package dev.polyboot.formats.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.fs.Extent;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What bytes that no extent covers mean, and extents a channel refuses; the readers' images never have these. */
class ExtentFileChannelTest {
    private static final byte[] DEVICE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    // file bytes 0-3 from device 4, 4-5 uncovered, 6-8 from device 12, 9-11 uncovered (size 12)
    private static final List<Extent> WITH_GAPS = List.of(new Extent(0, 4, 4), new Extent(6, 12, 3));

    @Test
    void sparseFilesReadUncoveredBytesAsZeros() throws Exception {
        try (SeekableByteChannel ch = ExtentFileChannel.sparse(MemoryBlockDevice.of(DEVICE), WITH_GAPS, 12, "test file")) {
            ByteBuffer b = ByteBuffer.allocate(20);
            assertThat(ch.read(b)).isEqualTo(12);
            assertThat(new String(b.array(), 0, 12, StandardCharsets.ISO_8859_1)).isEqualTo("4567\0\0cde\0\0\0");
        }
    }

    @Test
    void denseFilesReportAGapAsCorruption() throws Exception {
        try (SeekableByteChannel ch = ExtentFileChannel.dense(MemoryBlockDevice.of(DEVICE), WITH_GAPS, 12, "test file")) {
            ByteBuffer b = ByteBuffer.allocate(20);
            assertThatThrownBy(() -> ch.read(b)).isInstanceOf(CorruptStructureException.class)
                    .hasMessageContaining("test file").hasMessageContaining("to cover byte 4");
            ch.position(6);
            assertThat(ch.read(b.clear().limit(3))).isEqualTo(3);
            assertThat(b.array()).startsWith((byte) 'c', (byte) 'd', (byte) 'e');
            assertThatThrownBy(() -> ch.read(b.clear())).isInstanceOf(CorruptStructureException.class)
                    .hasMessageContaining("to cover byte 9");
        }
    }

    @Test
    void extentsOutsideTheDeviceAreCorruptAndDisorderIsTheCallersMistake() {
        MemoryBlockDevice dev = MemoryBlockDevice.of(DEVICE);
        assertThatThrownBy(() -> ExtentFileChannel.dense(dev, List.of(new Extent(0, 10, 7)), 7, "test file"))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("within the device");
        assertThatThrownBy(() -> ExtentFileChannel.dense(dev, List.of(new Extent(0, -1, 1)), 1, "test file"))
                .isInstanceOf(CorruptStructureException.class);
        assertThatThrownBy(() -> ExtentFileChannel.sparse(dev, List.of(new Extent(4, 0, 2), new Extent(0, 2, 2)), 6, "test file"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtentFileChannel.sparse(dev, List.of(new Extent(0, 0, 4), new Extent(3, 4, 2)), 6, "test file"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtentFileChannel.sparse(dev, List.of(new Extent(Long.MAX_VALUE, 0, 2)), 6, "test file"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtentFileChannel.sparse(dev, List.of(), -1, "test file"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
