package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.exfat.ExfatFinding.Kind;
import dev.polyboot.formats.exfat.ExfatFinding.Severity;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExfatCheck against images damaged in the test, each cross-checked with fsck.exfat -n (exfatprogs): what we
 * call an ERROR fsck.exfat refuses too, and a volume we call clean fsck.exfat calls clean.
 */
class ExfatCheckTest {
    @TempDir Path tmp;
    Path img;

    @BeforeEach
    void build() throws IOException {
        Tools.require("fsck.exfat");
        img = HostileExfat.build(tmp.resolve("v.img"));
    }

    static ExfatCheckReport check(Path img) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, true)) {
            return ExfatCheck.check(d);
        }
    }

    static Tools.Result fsck(Path img) {
        return Tools.run("fsck.exfat", "-n", img.toString());
    }

    void assertFsckRefuses() {
        Tools.Result r = fsck(img);
        assertThat(r.exitCode()).as("fsck.exfat -n exit code\n" + r.stdout() + r.stderr()).isNotZero();
    }

    @Test
    void cleanVolumeHasNoFindings() throws IOException {
        ExfatCheckReport r = check(img);
        assertThat(r.findings()).isEmpty();
        assertThat(r.files()).isEqualTo(4);
        assertThat(r.directories()).isEqualTo(3);
        fsck(img).assertOk();
    }

    @Test
    void fileClustersMarkedFree() throws IOException {
        HostileExfat.clearBitmapBits(img, "/dir/b.bin");
        ExfatCheckReport r = check(img);
        assertThat(r.errors()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.USED_CLUSTERS_MARKED_FREE);
            long clusters = (50_000 + 4095) / 4096;
            assertThat(f.message()).startsWith(clusters + " cluster(s) in use are marked free").contains("/dir/b.bin");
        });
        assertFsckRefuses();
    }

    @Test
    void zeroedBitmap() throws IOException {
        HostileExfat.zeroBitmap(img);
        ExfatCheckReport r = check(img);
        assertThat(r.errors()).extracting(ExfatFinding::kind).containsExactly(Kind.USED_CLUSTERS_MARKED_FREE);
        assertThat(r.errors().get(0).message()).contains("(allocation bitmap)");
        assertFsckRefuses();
    }

    @Test
    void twoEntriesShareClusters() throws IOException {
        HostileExfat.crossLink(img, "/dir/sub/c.txt", "/a.bin");
        ExfatCheckReport r = check(img);
        assertThat(r.errors()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.CROSS_LINK);
            assertThat(f.message()).contains("/a.bin").contains("/dir/sub/c.txt");
        });
        // c.txt's own clusters are now referenced by nothing.
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.WARNING).extracting(ExfatFinding::kind)
                .containsExactly(Kind.LOST_CLUSTERS);
        assertFsckRefuses();
    }

    @Test
    void mainBootRegionDamaged() throws IOException {
        HostileExfat.damageMainBootSector(img);
        ExfatCheckReport r = check(img);
        assertThat(r.errors()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.BOOT_REGION_MAIN_INVALID);
            assertThat(f.message()).contains("BootChecksum").contains("backup");
        });
        assertFsckRefuses();
    }

    @Test
    void backupBootRegionDifferent() throws IOException {
        // A byte of the backup's boot code with the backup's checksum repaired: both valid, but not copies.
        byte[] region;
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            ExfatBootSector boot = ExfatBootRegion.read(d);
            region = ExfatBootRegion.encode(boot);
            region[300] ^= 0x5A;
            long sum = Checksums.bootRegion(java.util.Arrays.copyOf(region, 11 * 512));
            for (int i = 11 * 512; i < 12 * 512; i += 4) HostileExfat.le(region).putInt(i, (int) sum);
            d.write(12 * 512, java.nio.ByteBuffer.wrap(region));
        }
        ExfatCheckReport r = check(img);
        assertThat(r.errors()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.BOOT_REGION_MISMATCH);
            assertThat(f.message()).contains("byte 300 (sector 0)");
        });
    }

    @Test
    void volumeFlagsAndPercentInUseMayDiffer() throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            d.write(112, java.nio.ByteBuffer.wrap(new byte[] {42}));
        }
        assertThat(check(img).findings()).isEmpty();
        fsck(img).assertOk();
    }

    @Test
    void subdirectoryPointingAtTheRoot() throws IOException {
        HostileExfat.directoryAtRoot(img, "/dir/sub");
        ExfatCheckReport r = check(img);
        assertThat(r.errors()).extracting(ExfatFinding::kind).containsExactly(Kind.DIRECTORY_LOOP);
        assertThat(r.errors().get(0).message()).contains("/dir/sub").contains("its ancestor /");
        assertFsckRefuses();
    }

    @Test
    void dirtyFlagAndLostClustersAreWarnings() throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            HostileExfat.Layout l = HostileExfat.Layout.of(d);
            long last = l.heap().clusterCount + 1;
            long at = l.bitmapOffset() + (last - 2) / 8;
            byte b = d.read(at, 1).get(0);
            d.write(at, java.nio.ByteBuffer.wrap(new byte[] {(byte) (b | 1 << ((last - 2) % 8))}));
            byte flags = d.read(106, 1).get(0);
            d.write(106, java.nio.ByteBuffer.wrap(new byte[] {(byte) (flags | ExfatBootSector.FLAG_VOLUME_DIRTY)}));
        }
        ExfatCheckReport r = check(img);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.findings()).extracting(ExfatFinding::kind).containsExactlyInAnyOrder(Kind.VOLUME_DIRTY, Kind.LOST_CLUSTERS);
        assertThat(r.findings()).filteredOn(f -> f.kind() == Kind.LOST_CLUSTERS).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("1 lost cluster(s)"));
    }

    /** The guard's cost: the whole check on a volume of 2,000 files in 40 directories (warm JVM, best of 3). */
    @Test
    void checkOfTwoThousandFilesIsCheap() throws IOException {
        dev.polyboot.formats.io.MemoryBlockDevice dev = new dev.polyboot.formats.io.MemoryBlockDevice(64 << 20);
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("MANY", 1));
        try (ExfatVolume v = ExfatVolume.open(dev, ExfatVolumeTest.CLOCK)) {
            for (int d = 0; d < 40; d++) {
                v.mkdirs("/dir " + d);
                for (int f = 0; f < 50; f++) {
                    byte[] b = new byte[1000 + f * 100];
                    v.writeFile("/dir " + d + "/file number " + f + ".bin", new java.io.ByteArrayInputStream(b), b.length);
                }
            }
        }
        long best = Long.MAX_VALUE;
        ExfatCheckReport r = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r = ExfatCheck.check(dev);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.println("EXFAT-CHECK 2000 files, 41 directories: " + best / 1_000_000 + " ms");
        assertThat(r.findings()).isEmpty();
        assertThat(r.files()).isEqualTo(2000);
        assertThat(best).isLessThan(2_000_000_000L);
    }
}
