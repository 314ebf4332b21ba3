package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Damaged images give CorruptStructureException naming the structure and the device offset. */
class ExfatHostileImageTest {
    byte[] image;
    ExfatBootSector boot;

    @BeforeEach
    void build() throws Exception {
        image = SmallImage.build().bytes();
        boot = ExfatBootRegion.read(MemoryBlockDevice.of(image));
    }

    ExfatVolume open() throws Exception {
        return ExfatVolume.open(MemoryBlockDevice.of(image), ExfatVolumeTest.CLOCK);
    }

    ByteBuffer le() {
        return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    }

    long fatEntry(long cluster) {
        return boot.fatOffsetBytes() + cluster * 4;
    }

    /** Offset of the first File entry whose name starts with {@code prefix}, searched in the whole image. */
    int fileEntry(String namePrefix) {
        for (int at = (int) boot.heapOffsetBytes(); at + 96 <= image.length; at += 32) {
            if ((image[at] & 0xFF) == 0x85 && (image[at + 64] & 0xFF) == 0xC1) {
                String first = new String(image, at + 66, 2 * namePrefix.length(), java.nio.charset.StandardCharsets.UTF_16LE);
                if (first.equals(namePrefix)) return at;
            }
        }
        throw new AssertionError("no entry " + namePrefix);
    }

    void fixSetChecksum(int at) {
        int n = (image[at + 1] & 0xFF) + 1;
        le().putShort(at + 2, (short) Checksums.entrySet(image, at, n * 32));
    }

    @Test
    void smallImageIsValid() throws Exception {
        try (ExfatVolume v = open()) {
            assertThat(v.extents(SmallImage.CHAINED)).hasSizeGreaterThan(1);
            assertThat(ExfatVolumeTest.readAll(v, SmallImage.CHAINED)).isEqualTo(ExfatVolumeTest.bytes(1400, 4));
            assertThat(ExfatVolumeTest.readAll(v, SmallImage.CONTIGUOUS)).isEqualTo(ExfatVolumeTest.bytes(1500, 1));
        }
    }

    @Test
    void fatChainCycle() throws Exception {
        // Root directory chain pointing back at itself.
        le().putInt((int) fatEntry(boot.rootCluster()), (int) boot.rootCluster());
        CorruptStructureException e = catchThrowableOfType(this::open, CorruptStructureException.class);
        assertThat(e.structure()).isEqualTo(Fat.STRUCTURE);
        assertThat(e.offset()).isEqualTo(fatEntry(boot.rootCluster()));
        assertThat(e.getMessage()).contains("cycle");
    }

    @Test
    void chainedFileCycle() throws Exception {
        int at = fileEntry("Fragmented");
        long first = Integer.toUnsignedLong(le().getInt(at + 32 + 20));
        long second = Integer.toUnsignedLong(le().getInt((int) fatEntry(first)));
        le().putInt((int) fatEntry(second), (int) first);
        ExfatVolume v = open();
        CorruptStructureException e = catchThrowableOfType(() -> v.open(SmallImage.CHAINED), CorruptStructureException.class);
        assertThat(e.structure()).isEqualTo(Fat.STRUCTURE);
        assertThat(e.offset()).isEqualTo(fatEntry(second));
        assertThat(e.getMessage()).contains("cycle");
    }

    @Test
    void clusterOutOfRange() throws Exception {
        int at = fileEntry("Ünïcode");
        le().putInt(at + 32 + 20, (int) (boot.clusterCount() + 5));
        fixSetChecksum(at);
        ExfatVolume v = open();
        CorruptStructureException e = catchThrowableOfType(() -> v.open(SmallImage.CONTIGUOUS), CorruptStructureException.class);
        assertThat(e.structure()).isEqualTo(FileEntrySet.STRUCTURE);
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.field()).contains("FirstCluster");
    }

    @Test
    void badEntrySetChecksum() throws Exception {
        int at = fileEntry("Fragmented");
        image[at + 70] ^= 1;
        ExfatVolume v = open();
        CorruptStructureException e = catchThrowableOfType(() -> v.list("/dir"), CorruptStructureException.class);
        assertThat(e.structure()).isEqualTo(FileEntrySet.STRUCTURE);
        assertThat(e.offset()).isEqualTo(at + 2);
        assertThat(e.field()).isEqualTo("SetChecksum");
    }

    @Test
    void badBootChecksumFallsBackToBackupThenFails() throws Exception {
        image[ExfatBootSector.VOLUME_SERIAL] ^= 1;
        try (ExfatVolume v = open()) {
            assertThat(v.volumeSerial()).isEqualTo(0x5EED);
        }
        image[12 * 512 + ExfatBootSector.VOLUME_SERIAL] ^= 1;
        CorruptStructureException e = catchThrowableOfType(this::open, CorruptStructureException.class);
        assertThat(e.structure()).isEqualTo(ExfatBootRegion.STRUCTURE);
        assertThat(e.field()).isEqualTo("BootChecksum");
        assertThat(e.offset()).isEqualTo(11 * 512);
    }

    @Test
    void secondaryCountTooSmall() throws Exception {
        int at = fileEntry("Fragmented");
        image[at + 1] = 1;
        fixSetChecksum(at);
        CorruptStructureException e = catchThrowableOfType(() -> open().list("/dir"), CorruptStructureException.class);
        assertThat(e.field()).isEqualTo("SecondaryCount");
        assertThat(e.offset()).isEqualTo(at + 1);
    }

    @Test
    void dataLengthBeyondAllocation() throws Exception {
        int at = fileEntry("Ünïcode");
        le().putLong(at + 32 + 24, boot.clusterCount() * boot.clusterSize()).putLong(at + 32 + 8, 0);
        fixSetChecksum(at);
        ExfatVolume v = open();
        assertThatThrownBy(() -> v.open(SmallImage.CONTIGUOUS)).isInstanceOf(CorruptStructureException.class);
    }

    @Test
    void newEntriesNeverLandInsideABenignEntrySet() throws Exception {
        // A benign primary (TexFAT padding, 0xA1) whose secondaries are unused slots: found by the write fuzzer,
        // a new set placed there was invisible to the next directory scan.
        MemoryBlockDevice writable = new MemoryBlockDevice(image, 512, false);
        int at;
        try (ExfatVolume v = ExfatVolume.open(writable, ExfatVolumeTest.CLOCK)) {
            v.mkdirs("/d");
            at = (int) v.extents("/d").get(0).deviceOffset();
        }
        image[at] = (byte) 0xA1;
        image[at + 1] = 3;
        try (ExfatVolume v = ExfatVolume.open(writable, ExfatVolumeTest.CLOCK)) {
            v.mkdirs("/d/new");
            assertThat(v.list("/d")).extracting(dev.polyboot.formats.fs.FsEntry::name).containsExactly("new");
        }
        for (int i = 1; i <= 3; i++) assertThat(image[at + i * 32]).as("slot %d of the benign set", i).isZero();
        assertThat(image[at + 4 * 32] & 0xFF).isEqualTo(0x85);
    }

    @Test
    void truncatedImage() {
        image = Arrays.copyOf(image, image.length / 2);
        CorruptStructureException e = catchThrowableOfType(this::open, CorruptStructureException.class);
        assertThat(e.structure()).isEqualTo(ExfatBootSector.STRUCTURE);
        assertThat(e.field()).isEqualTo("VolumeLength");
    }

    @Test
    void notExfat() {
        image[3] = 'N';
        image[12 * 512 + 3] = 'N';
        assertThatThrownBy(this::open).isInstanceOf(CorruptStructureException.class).hasMessageContaining("FileSystemName");
        assertThatThrownBy(() -> ExfatVolume.open(MemoryBlockDevice.of(new byte[100]), ExfatVolumeTest.CLOCK))
                .isInstanceOf(CorruptStructureException.class);
    }

    @Test
    void validDataLengthShorterThanDataLengthReadsZeros() throws Exception {
        int at = fileEntry("Ünïcode");
        le().putLong(at + 32 + 8, 1000);
        fixSetChecksum(at);
        byte[] expected = ExfatVolumeTest.bytes(1500, 1);
        Arrays.fill(expected, 1000, 1500, (byte) 0);
        assertThat(ExfatVolumeTest.readAll(open(), SmallImage.CONTIGUOUS)).isEqualTo(expected);
    }
}
