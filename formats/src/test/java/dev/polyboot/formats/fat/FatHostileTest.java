package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Damaged and hostile images end in CorruptStructureException naming structure and offset. */
class FatHostileTest {
    private static final byte[] IMAGE = SmallImages.fat16WithFiles();

    private static FatVolume open(byte[] img) throws IOException {
        return FatVolume.open(MemoryBlockDevice.of(img), FatOracleTest.CLOCK);
    }

    private static ByteBuffer le(byte[] img) {
        return ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** FAT offset and cluster of the long-named file (3 clusters). */
    private static long[] fileChain(byte[] img) throws IOException {
        try (FatVolume v = open(img)) {
            List<Extent> ex = v.extents("/Long File Name ✓.txt");
            long dataStart = ex.get(0).deviceOffset();
            return new long[] {dataStart};
        }
    }

    private static int fatOffset(byte[] img) {
        return (le(img).getShort(14) & 0xFFFF) * 512;
    }

    private static int firstClusterOfLongFile(byte[] img) throws IOException {
        try (FatVolume v = open(img)) {
            FatGeometry g = FatGeometry.of(FatBootSector.decode(ByteBuffer.wrap(img, 0, 512)), img.length);
            long off = v.extents("/Long File Name ✓.txt").get(0).deviceOffset();
            return (int) ((off - g.firstDataSector() * 512) / 512 + 2);
        }
    }

    @Test
    void validImageReads() throws IOException {
        try (FatVolume v = open(IMAGE)) {
            assertThat(v.list("/")).extracting(FsEntry::name).containsExactly("Sub Dir", "Long File Name ✓.txt");
            assertThat(TreeFixture.read(v, "/Long File Name ✓.txt")).isEqualTo(TreeFixture.content(1, 1500));
            assertThat(fileChain(IMAGE)).hasSize(1);
        }
    }

    @Test
    void cycleInChainIsCorruption() throws IOException {
        byte[] img = IMAGE.clone();
        int c = firstClusterOfLongFile(img);
        // 3-cluster file c -> c+1 -> c+2; point c+1 back at c, and claim a size needing 4 clusters.
        le(img).putShort(fatOffset(img) + (c + 1) * 2, (short) c);
        setSizeOfFirstRootFile(img, 2000);
        assertThatThrownBy(() -> { try (FatVolume v = open(img)) { TreeFixture.read(v, "/Long File Name ✓.txt"); } })
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("FAT at offset").hasMessageContaining("cycle");
    }

    @Test
    void clusterOutOfRangeIsCorruption() throws IOException {
        byte[] img = IMAGE.clone();
        int c = firstClusterOfLongFile(img);
        le(img).putShort(fatOffset(img) + c * 2, (short) 0xFFF0);
        assertThatThrownBy(() -> { try (FatVolume v = open(img)) { TreeFixture.read(v, "/Long File Name ✓.txt"); } })
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("FAT at offset")
                .hasMessageContaining(String.valueOf(0xFFF0));
    }

    @Test
    void directoryChainCycleIsCorruption() throws IOException {
        byte[] img = IMAGE.clone();
        int sub = subDirCluster(img);
        le(img).putShort(fatOffset(img) + sub * 2, (short) sub);
        assertThatThrownBy(() -> { try (FatVolume v = open(img)) { v.list("/Sub Dir"); } })
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("cycle");
    }

    @Test
    void truncatedDeviceIsCorruption() {
        byte[] img = Arrays.copyOf(IMAGE, IMAGE.length / 2);
        assertThatThrownBy(() -> open(img)).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("FAT boot sector at offset").hasMessageContaining("truncated");
        assertThatThrownBy(() -> open(new byte[100])).isInstanceOf(CorruptStructureException.class);
    }

    @Test
    void absurdBootSectorFieldsAreCorruption() {
        assertCorrupt(img -> le(img).putShort(11, (short) 3), "BytsPerSec");
        assertCorrupt(img -> le(img).putShort(11, (short) 8192), "BytsPerSec");
        assertCorrupt(img -> img[13] = 3, "SecPerClus");
        assertCorrupt(img -> img[13] = 0, "SecPerClus");
        assertCorrupt(img -> le(img).putShort(14, (short) 0), "RsvdSecCnt");
        assertCorrupt(img -> img[16] = 0, "NumFATs");
        assertCorrupt(img -> { le(img).putShort(19, (short) 0); le(img).putInt(32, 0); }, "TotSec");
        assertCorrupt(img -> le(img).putShort(19, (short) 0xFFFF), "TotSec");
        assertCorrupt(img -> le(img).putShort(22, (short) 1), "FATSz");
        assertCorrupt(img -> img[510] = 0, "signature");
        assertCorrupt(img -> img[21] = 0x12, "Media");
    }

    @Test
    void fat12IsReadButNeverWritten() throws IOException {
        byte[] img = IMAGE.clone();
        le(img).putShort(19, (short) 2048); // 1 MiB worth of sectors: well under 4085 clusters
        FatVolume v = open(img);
        assertThat(v.fatBits()).isEqualTo(12);
        for (ThrowingCallable write : List.<ThrowingCallable>of(() -> v.mkdirs("/new"),
                () -> v.writeFile("/x.bin", new java.io.ByteArrayInputStream(new byte[10]), 10), () -> v.delete("/anything"),
                () -> v.rename("/a", "/b"), () -> v.replace("/a", "/b"), v::reclaimLostClusters)) {
            assertThatThrownBy(write).isInstanceOf(UnsupportedLayoutException.class).hasMessageContaining("FAT12 (read only)");
        }
    }

    @Test
    void brokenLongNameFallsBackToShortName() throws IOException {
        byte[] img = IMAGE.clone();
        FatGeometry g = FatGeometry.of(FatBootSector.decode(ByteBuffer.wrap(img, 0, 512)), img.length);
        int root = (int) g.rootDirOffset();
        // Break the checksum in the long-name slot just before the file's short entry.
        int s = 0;
        while (!(DirEntry.decode(img, root + s * 32).attr() == DirEntry.ATTR_ARCHIVE)) s++;
        assertThat(img[root + (s - 1) * 32 + 11]).isEqualTo((byte) 0x0F);
        img[root + (s - 1) * 32 + 13] ^= 0x55;
        try (FatVolume v = open(img)) {
            List<String> names = v.list("/").stream().map(FsEntry::name).toList();
            assertThat(names).hasSize(2).contains("Sub Dir").noneMatch(n -> n.startsWith("Long"));
            assertThat(names.get(1)).matches("LONGFI~1\\.TXT");
        }
    }

    private static int subDirCluster(byte[] img) throws IOException {
        FatGeometry g = FatGeometry.of(FatBootSector.decode(ByteBuffer.wrap(img, 0, 512)), img.length);
        int root = (int) g.rootDirOffset();
        for (int s = 0; s < g.rootEntries(); s++) {
            DirEntry e = DirEntry.decode(img, root + s * 32);
            if (!e.isLongName() && e.isDirectory()) return e.clusterLow();
        }
        throw new AssertionError("no subdirectory");
    }

    private static void setSizeOfFirstRootFile(byte[] img, int size) throws IOException {
        FatGeometry g = FatGeometry.of(FatBootSector.decode(ByteBuffer.wrap(img, 0, 512)), img.length);
        int root = (int) g.rootDirOffset();
        for (int s = 0; s < g.rootEntries(); s++) {
            DirEntry e = DirEntry.decode(img, root + s * 32);
            if (!e.isLongName() && !e.isVolumeLabel() && !e.isDirectory()) {
                le(img).putInt(root + s * 32 + DirEntry.OFF_SIZE, size);
                return;
            }
        }
    }

    private interface Patch { void apply(byte[] img); }

    private static void assertCorrupt(Patch p, String field) {
        byte[] img = IMAGE.clone();
        p.apply(img);
        assertThatThrownBy(() -> open(img)).as(field).isInstanceOf(CorruptStructureException.class)
                .hasMessageContaining("FAT boot sector at offset").hasMessageContaining(field);
    }
}
