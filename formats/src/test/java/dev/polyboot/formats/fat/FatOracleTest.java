package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Volumes we format and fill must pass fsck.fat and read back identically through mtools. */
class FatOracleTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.89Z"), ZoneOffset.UTC);

    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} MiB {1}, {2}-byte sectors")
    @CsvSource({"64, FAT16, 512", "256, FAT16, 512", "1024, FAT32, 512", "8192, FAT32, 512", "64, FAT16, 4096", "1024, FAT32, 4096"})
    void formattedAndFilledVolumePassesFsckAndMtools(long mib, FatFormatOptions.Type type, int sectorSize) throws Exception {
        Path img = tmp.resolve("fat.img");
        FatFormatOptions o = FatFormatOptions.defaults("PBOOT", 0x1234ABCDL, CLOCK).withType(type).withHiddenSectors(2048);
        FileBlockDevice.createSparse(img, mib << 20).close();
        try (BlockDevice dev = new LogicalSectorDevice(FileBlockDevice.open(img, false), sectorSize)) {
            FatFormatter.format(dev, o);
        }
        FatOracles.assertFsckClean(img);

        TreeFixture tree = new TreeFixture(mib, 0);
        try (BlockDevice dev = new LogicalSectorDevice(FileBlockDevice.open(img, false), sectorSize);
             FatVolume v = FatVolume.open(dev, CLOCK)) {
            assertThat(v.fatBits()).isEqualTo(type == FatFormatOptions.Type.FAT16 ? 16 : 32);
            assertThat(v.label()).isEqualTo("PBOOT");
            tree = new TreeFixture(mib, v.clusterSize());
            tree.populate(v, 1000);
            tree.churn(v);
            tree.verifyWithReader(v);
        }
        FatOracles.assertFsckClean(img);

        TreeSet<String> mtools = new TreeSet<>(FatOracles.mtoolsPaths(img));
        assertThat(mtools).isEqualTo(tree.allPaths());
        for (Map.Entry<String, long[]> f : tree.files.entrySet()) {
            byte[] expected = TreeFixture.content(f.getValue()[0], f.getValue()[1]);
            assertThat(TreeFixture.sha256(FatOracles.mtoolsRead(img, f.getKey()))).as(f.getKey())
                    .isEqualTo(TreeFixture.sha256(expected));
        }
    }
}
