package dev.polyboot.formats.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Structures genisoimage does not write (see {@link TinyUdf}), and hostile variations of them. */
class UdfTinyImageTest {

    @Test
    void listsAndReadsEveryKindOfAllocation() throws Exception {
        UdfImage udf = UdfImage.read(MemoryBlockDevice.of(TinyUdf.build()));
        assertThat(udf.volumeId()).isEqualTo("TINYVOL");
        assertThat(udf.logicalVolumeId()).isEqualTo("Tiny Logical");
        assertThat(udf.fileSetId()).isEqualTo("TinySet");
        assertThat(udf.udfRevision()).isEqualTo(0x0102);
        assertThat(udf.blockSize()).isEqualTo(512);
        assertThat(udf.list("/")).extracting(UdfEntry::name).containsExactly("hello.txt", "Sub", "embedded.txt");
        assertThat(udf.list("/Sub")).extracting(UdfEntry::path).containsExactly("/Sub/" + TinyUdf.LONG_NAME);
        UdfEntry hello = udf.lookup("/hello.txt");
        assertThat(hello.modified()).isEqualTo(LocalDateTime.of(2024, 5, 17, 12, 34, 56));
        assertThat(udf.readAll(hello, 100)).isEqualTo(TinyUdf.HELLO);
        assertThat(udf.readAll(udf.lookup("/embedded.txt"), 100)).isEqualTo("tiny".getBytes(StandardCharsets.US_ASCII));
        assertThat(udf.extents(udf.lookup("/embedded.txt"))).containsExactly(new Extent(0, TinyUdf.block(7) + 176, 4));

        UdfEntry longBin = udf.lookupIgnoreCase("/sub/L\u00d4NG \u2713.BIN");
        assertThat(longBin.size()).isEqualTo(1124);
        byte[] data = udf.readAll(longBin, 2000);
        for (int i = 0; i < 512; i++) assertThat(data[i]).isEqualTo((byte) i);
        for (int i = 512; i < 1024; i++) assertThat(data[i]).isZero();
        for (int i = 0; i < 100; i++) assertThat(data[1024 + i]).isEqualTo((byte) (255 - i));
        assertThat(udf.extents(longBin)).containsExactly(new Extent(0, TinyUdf.block(8), 512), new Extent(1024, TinyUdf.block(9), 100));
        try (SeekableByteChannel ch = udf.open(longBin)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            ch.position(1022).read(b);
            assertThat(b.array()).containsExactly(0, 0, (byte) 255, (byte) 254);
        }
        assertThatThrownBy(() -> udf.lookup("/sub/" + TinyUdf.LONG_NAME)).isInstanceOf(NoSuchEntryException.class);
        assertThatThrownBy(() -> udf.readAll(longBin, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsContinuationExtentsAndRefusesLoops() throws Exception {
        byte[] image = TinyUdf.build();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int aed = TinyUdf.block(10);
        b.putInt(aed + 20, 8).put(aed + 24, TinyUdf.shortAd(TinyUdf.HELLO.length, 4));
        TinyUdf.tag(b, aed, DescriptorTag.ALLOCATION_EXTENT, 10, 24 + 8 - 16);
        int fe = TinyUdf.block(3);
        b.putInt(fe + 176, AllocationDescriptor.NEXT << 30 | 512).putInt(fe + 180, 10);
        TinyUdf.retag(b, fe);
        UdfImage udf = UdfImage.read(MemoryBlockDevice.of(image));
        assertThat(udf.readAll(udf.lookup("/hello.txt"), 100)).isEqualTo(TinyUdf.HELLO);

        b.put(aed + 24, TinyUdf.shortAd(AllocationDescriptor.NEXT << 30 | 512, 10)); // the AED continues into itself
        TinyUdf.retag(b, aed);
        UdfImage looping = UdfImage.read(MemoryBlockDevice.of(image));
        assertThatThrownBy(() -> looping.readAll(looping.lookup("/hello.txt"), 100))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("continuation");
    }

    @Test
    void damagedDescriptorsAreNamed() throws Exception {
        byte[] crc = TinyUdf.build();
        crc[TinyUdf.block(3) + 60] ^= 1; // inside the CRC-covered part of hello.txt's file entry
        UdfImage udf = UdfImage.read(MemoryBlockDevice.of(crc));
        assertThatThrownBy(() -> udf.lookup("/hello.txt")).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("UDF file entry").hasMessageContaining("descriptor CRC");

        byte[] outside = TinyUdf.build();
        ByteBuffer b = ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TinyUdf.block(3) + 180, 100_000);
        TinyUdf.retag(b, TinyUdf.block(3));
        UdfImage u2 = UdfImage.read(MemoryBlockDevice.of(outside));
        assertThatThrownBy(() -> u2.readAll(u2.lookup("/hello.txt"), 100)).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("extent in partition 0");

        byte[] noAnchor = TinyUdf.build();
        noAnchor[256 * 512 + 4] ^= 1;
        assertThatThrownBy(() -> UdfImage.read(MemoryBlockDevice.of(noAnchor))).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("anchor");
    }

    @Test
    void metadataPartitionsAreRefusedClearly() throws Exception {
        byte[] image = TinyUdf.build();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int lvd = 259 * 512;
        b.putInt(lvd + 264, 6 + 64).putInt(lvd + 268, 2);
        b.put(lvd + 446, (byte) 2).put(lvd + 447, (byte) 64);
        b.put(lvd + 446 + 5, "*UDF Metadata Partition".getBytes(StandardCharsets.US_ASCII));
        TinyUdf.retag(b, lvd);
        assertThatThrownBy(() -> UdfImage.read(MemoryBlockDevice.of(image))).isInstanceOf(UnsupportedLayoutException.class)
                .hasMessageContaining("*UDF Metadata Partition");
    }

    @Test
    void theAnchorAtTheEndServesWhenSector256IsDamagedOrGone() throws Exception {
        byte[] image = TinyUdf.build();
        byte[] withEnd = java.util.Arrays.copyOf(image, image.length + 512);
        System.arraycopy(image, 256 * 512, withEnd, image.length, 512);
        ByteBuffer b = ByteBuffer.wrap(withEnd).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(image.length + 12, TinyUdf.SECTORS);
        TinyUdf.retag(b, image.length);
        withEnd[256 * 512 + 100] ^= 1; // descriptor CRC of the first anchor no longer matches
        assertThat(UdfImage.read(MemoryBlockDevice.of(withEnd)).list("/")).hasSize(3);
        java.util.Arrays.fill(withEnd, 256 * 512, 257 * 512, (byte) 0);
        assertThat(UdfImage.read(MemoryBlockDevice.of(withEnd)).list("/")).hasSize(3);
    }
}
