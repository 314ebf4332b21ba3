package dev.polyboot.formats.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.exfat.ExfatFormatOptions;
import dev.polyboot.formats.exfat.ExfatFormatter;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fat.FatFormatOptions;
import dev.polyboot.formats.fat.FatFormatter;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.Volume;
import dev.polyboot.formats.iso.IsoImage;
import dev.polyboot.formats.udf.TinyUdf;
import dev.polyboot.formats.udf.UdfImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read-only {@link SeekableByteChannel} contract of every file channel the readers hand out, all of them
 * {@link ReadOnlyFileChannel}s: a fragmented FAT and exFAT file, an ISO 9660 file, and a UDF file with a hole.
 * The expected bytes come from what was written (FAT, exFAT) or from how the image was made (ISO seed README,
 * {@link TinyUdf}), never from the channel under test.
 */
class ReadOnlyFileChannelTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-17T12:00:00Z"), ZoneOffset.UTC);

    interface Opener {
        SeekableByteChannel open() throws IOException;
    }

    record File(String name, Opener opener, byte[] content) {
        SeekableByteChannel open() throws IOException {
            return opener.open();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<File> files() throws IOException {
        return Stream.of(fat(), exfat(), iso(), udf());
    }

    @ParameterizedTest
    @MethodSource("files")
    void readsTheWholeFileInOddSizedPiecesThenEndOfFile(File f) throws IOException {
        try (SeekableByteChannel ch = f.open()) {
            assertThat(ch).isInstanceOf(ReadOnlyFileChannel.class);
            assertThat(ch.size()).isEqualTo(f.content().length);
            ByteBuffer all = ByteBuffer.allocate(f.content().length);
            ByteBuffer piece = ByteBuffer.allocate(7);
            while (all.hasRemaining()) {
                piece.clear().limit(Math.min(7, all.remaining()));
                assertThat(ch.read(piece)).isEqualTo(piece.limit());
                all.put(piece.flip());
            }
            assertThat(all.array()).isEqualTo(f.content());
            assertThat(ch.position()).isEqualTo(f.content().length);
            assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void readsFromAnyPositionAndStopsAtTheEnd(File f) throws IOException {
        int size = f.content().length;
        try (SeekableByteChannel ch = f.open()) {
            for (int p : new int[] {size - 1, size / 2, 1, 0}) {
                ByteBuffer b = ByteBuffer.allocate(size + 10);
                assertThat(ch.position(p).read(b)).isEqualTo(size - p);
                assertThat(Arrays.copyOf(b.array(), size - p)).isEqualTo(Arrays.copyOfRange(f.content(), p, size));
                assertThat(ch.position()).isEqualTo(size);
                assertThat(ch.read(b.clear())).isEqualTo(-1);
            }
            assertThat(ch.position(0).read(ByteBuffer.allocate(0))).isZero();
            assertThat(ch.position()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void aPositionAtOrBeyondTheSizeReadsEndOfFile(File f) throws IOException {
        int size = f.content().length;
        try (SeekableByteChannel ch = f.open()) {
            for (long p : new long[] {size, size + 1L, size + 4096L, Long.MAX_VALUE}) {
                ByteBuffer b = ByteBuffer.allocate(16);
                assertThat(ch.position(p).read(b)).isEqualTo(-1);
                assertThat(b.position()).isZero();
                assertThat(ch.position()).isEqualTo(p);
                assertThat(ch.size()).isEqualTo(size);
            }
            assertThatThrownBy(() -> ch.position(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(ch.position()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void refusesWritingAndTruncating(File f) throws IOException {
        try (SeekableByteChannel ch = f.open()) {
            assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[] {1}))).isInstanceOf(NonWritableChannelException.class);
            assertThatThrownBy(() -> ch.truncate(0)).isInstanceOf(NonWritableChannelException.class);
            assertThat(ch.size()).isEqualTo(f.content().length);
            assertThat(ch.position()).isZero();
            ByteBuffer b = ByteBuffer.allocate(f.content().length);
            while (b.hasRemaining()) assertThat(ch.read(b)).isPositive();
            assertThat(b.array()).isEqualTo(f.content());
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void aClosedChannelRefusesEverythingButClose(File f) throws IOException {
        SeekableByteChannel ch = f.open();
        assertThat(ch.isOpen()).isTrue();
        ch.close();
        assertThat(ch.isOpen()).isFalse();
        assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1))).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(ch::position).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> ch.position(0)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(ch::size).isInstanceOf(ClosedChannelException.class);
        ch.close();
        assertThat(ch.isOpen()).isFalse();
        try (SeekableByteChannel again = f.open()) {
            assertThat(again.read(ByteBuffer.allocate(1))).isEqualTo(1); // closing one channel leaves the device usable
        }
    }

    private static File fat() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(3 << 20);
        FatFormatter.format(dev, FatFormatOptions.defaults("CONTRACT", 1, CLOCK).withType(FatFormatOptions.Type.FAT16)
                .withSectorsPerCluster(1));
        FatVolume v = FatVolume.open(dev, CLOCK);
        byte[] content = fragmented(v);
        return new File("FAT", () -> v.open("/dir/frag.bin"), content);
    }

    private static File exfat() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(128 << 10);
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("CONTRACT", 1).withClusterSize(512).withBoundaryAlignment(512));
        ExfatVolume v = ExfatVolume.open(dev, CLOCK);
        byte[] content = fragmented(v);
        return new File("exFAT", () -> v.open("/dir/frag.bin"), content);
    }

    /** Writes /dir/frag.bin (1400 bytes) into three freed 512-byte clusters that are not adjacent. */
    private static byte[] fragmented(Volume v) throws IOException {
        v.mkdirs("/dir");
        for (int i = 0; i < 6; i++) write(v, "/hole" + i, pattern(512, i));
        write(v, "/filler", pattern((int) v.freeBytes(), 9));
        for (int i = 0; i < 6; i += 2) v.delete("/hole" + i);
        byte[] content = pattern(1400, 42);
        write(v, "/dir/frag.bin", content);
        assertThat(v.extents("/dir/frag.bin")).hasSizeGreaterThan(1);
        return content;
    }

    private static File iso() throws IOException {
        byte[] image;
        try (InputStream in = new GZIPInputStream(ReadOnlyFileChannelTest.class.getResourceAsStream(
                "/dev/polyboot/formats/iso/seeds/rr-joliet.iso.gz"))) {
            image = in.readAllBytes();
        }
        IsoImage iso = IsoImage.read(MemoryBlockDevice.of(image));
        return new File("ISO 9660", () -> iso.open(iso.lookup("/boot/grub/grub.cfg").orElseThrow()),
                "set timeout=5\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static File udf() throws IOException {
        UdfImage udf = UdfImage.read(MemoryBlockDevice.of(TinyUdf.build()));
        byte[] content = new byte[1124]; // 512 recorded bytes, a 512-byte hole, 100 recorded bytes
        for (int i = 0; i < 512; i++) content[i] = (byte) i;
        for (int i = 0; i < 100; i++) content[1024 + i] = (byte) (255 - i);
        return new File("UDF", () -> udf.open(udf.lookup("/Sub/" + TinyUdf.LONG_NAME)), content);
    }

    private static void write(Volume v, String path, byte[] content) throws IOException {
        v.writeFile(path, new ByteArrayInputStream(content), content.length);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (i * 31 + seed * 7 + i / 251);
        return b;
    }
}
