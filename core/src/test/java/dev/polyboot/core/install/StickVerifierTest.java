package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StickVerifierTest {
    static final long SIZE = 256L << 20;
    @TempDir
    Path tmp;

    private VerifyReport verify(Path img) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            return new StickVerifier(TestSticks.CLOCK).verify(dev, TestSticks.payload());
        }
    }

    @Test
    void freshSticksVerify() throws Exception {
        for (PartitionStyle s : PartitionStyle.values()) {
            Path img = tmp.resolve(s + ".img");
            TestSticks.install(img, SIZE, s, 5);
            VerifyReport r = verify(img);
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.problems()).as(r.toString()).isEmpty();
        }
    }

    @Test
    void aChangedByteInTheEfiLoaderIsCorruption() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, SIZE, PartitionStyle.MBR, 5);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            Extent first;
            try (FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, l.boot().startBytes(), l.boot().sizeBytes()), TestSticks.CLOCK)) {
                first = esp.extents(EspContents.EFI_LOADER).get(0);
            }
            long at = l.boot().startBytes() + first.deviceOffset() + 1000;
            ByteBuffer b = dev.read(at, 1);
            dev.write(at, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x01)}));
        }
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(f -> assertThat(f.message()).startsWith("/EFI/BOOT/BOOTX64.EFI differs"));
    }

    /** The helper inside /polyboot/pbinit.cpio is checked against the manifest's pbinit; a missing archive is a warning. */
    @Test
    void helperArchiveIsCheckedAgainstTheManifest() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, SIZE, PartitionStyle.MBR, 5);
        assertThat(verify(img).findings()).anySatisfy(f -> assertThat(f.message()).startsWith("/polyboot/pbinit.cpio: polyboot/init matches the manifest"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            Extent first;
            try (FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, l.boot().startBytes(), l.boot().sizeBytes()), TestSticks.CLOCK)) {
                first = esp.extents(EspContents.PBINIT).get(0);
            }
            long at = l.boot().startBytes() + first.deviceOffset() + 4000; // inside the helper's bytes, past the headers
            ByteBuffer b = dev.read(at, 1);
            dev.write(at, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x01)}));
        }
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(f -> assertThat(f.message()).startsWith("/polyboot/pbinit.cpio: polyboot/init differs"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, false);
             FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, l.boot().startBytes(), l.boot().sizeBytes()), TestSticks.CLOCK)) {
            esp.delete(EspContents.PBINIT);
            esp.flush();
        }
        VerifyReport missing = verify(img);
        assertThat(missing.ok()).as("the stick still boots everything else").isTrue();
        assertThat(missing.findings()).anySatisfy(f -> assertThat(f.message()).contains("pbinit.cpio missing").contains("polyboot update"));
    }

    @Test
    void damagedBootCodeIsCorruption() throws Exception {
        Path img = tmp.resolve("s.img");
        TestSticks.install(img, SIZE, PartitionStyle.GPT, 5);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            dev.write(0x5C, ByteBuffer.wrap(new byte[] {1}));   // core.img LBA 34 → 1
        }
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(f -> assertThat(f.message()).contains("LBA 0 differs"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            VerifyReport structural = new StickVerifier(TestSticks.CLOCK).verify(dev, null);
            assertThat(structural.problems()).anySatisfy(f -> assertThat(f.message()).contains("does not point at core.img"));
        }
    }

    @Test
    void aDamagedBackupGptIsReportedOnce() throws Exception {
        Path img = tmp.resolve("s.img");
        TestSticks.install(img, SIZE, PartitionStyle.GPT, 6);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            dev.write(SIZE - 512, ByteBuffer.wrap("XXXXXXXX".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).filteredOn(f -> f.message().contains("backup GPT")).as(r.toString()).hasSize(1)
                .allSatisfy(f -> assertThat(f.message()).startsWith("GPT: backup GPT unusable").doesNotContain("CORRUPT"));
    }

    @Test
    void blankImageHasNoPartitionTable() throws Exception {
        Path img = tmp.resolve("blank.img");
        FileBlockDevice.createSparse(img, SIZE).close();
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("no partition table"));
    }

    /** The data partition's exFAT check: each kind of damage an unplug or another OS leaves is named. */
    @ParameterizedTest
    @ValueSource(strings = {"bitmap bits of a file cleared", "bitmap zeroed", "main boot sector damaged", "lost clusters"})
    void dataPartitionDamageIsReported(String damage) throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, SIZE, PartitionStyle.MBR, 5);
        Extent file;
        long clusterSize;
        long firstCluster;
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            SliceBlockDevice data = new SliceBlockDevice(dev, l.data().startBytes(), l.data().sizeBytes());
            try (ExfatVolume v = ExfatVolume.open(data, TestSticks.CLOCK)) {
                byte[] content = new byte[300_000];
                v.writeFile("/some.iso", new java.io.ByteArrayInputStream(content), content.length);
                file = v.extents("/some.iso").get(0);
            }
            // exFAT boot sector fields (spec §3.1): ClusterHeapOffset (sectors) at 88, shifts at 108/109; bitmap at cluster 2.
            ByteBuffer boot = data.read(0, 512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long heap = Integer.toUnsignedLong(boot.getInt(88)) << boot.get(108);
            clusterSize = 1L << (boot.get(108) + boot.get(109));
            long clusterCount = Integer.toUnsignedLong(boot.getInt(92));
            firstCluster = (file.deviceOffset() - heap) / clusterSize + 2;
            switch (damage) {
                case "bitmap bits of a file cleared" -> {
                    for (long c = firstCluster; c < firstCluster + (file.length() + clusterSize - 1) / clusterSize; c++) setBit(data, heap, c, false);
                }
                case "bitmap zeroed" -> data.zero(heap, (clusterCount + 7) / 8);
                case "main boot sector damaged" -> data.write(300, ByteBuffer.wrap(new byte[] {(byte) (boot.get(300) ^ 0x5A)}));
                case "lost clusters" -> setBit(data, heap, clusterCount + 1, true);
                default -> throw new IllegalArgumentException(damage);
            }
        }
        VerifyReport r = verify(img);
        String expected = switch (damage) {
            case "bitmap bits of a file cleared" -> "USED_CLUSTERS_MARKED_FREE: " + (file.length() + clusterSize - 1) / clusterSize
                    + " cluster(s) in use are marked free in the allocation bitmap, first cluster " + firstCluster + " of /some.iso";
            case "bitmap zeroed" -> "USED_CLUSTERS_MARKED_FREE:";
            case "main boot sector damaged" -> "BOOT_REGION_MAIN_INVALID:";
            default -> "LOST_CLUSTERS: 1 lost cluster(s)";
        };
        boolean error = !damage.equals("lost clusters");
        assertThat(r.ok()).as(r.toString()).isEqualTo(!error);
        assertThat(r.problems()).as(r.toString()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(error ? Finding.Severity.CORRUPT : Finding.Severity.WARNING);
            assertThat(f.message()).startsWith("data partition: ");
            assertThat(f.message()).contains(expected);
            if (error) assertThat(f.message()).contains("fsck.exfat");
        });
    }

    private static void setBit(SliceBlockDevice data, long bitmap, long cluster, boolean used) throws java.io.IOException {
        long at = bitmap + (cluster - 2) / 8;
        int mask = 1 << ((cluster - 2) % 8);
        byte b = data.read(at, 1).get(0);
        data.write(at, ByteBuffer.wrap(new byte[] {(byte) (used ? b | mask : b & ~mask)}));
    }

    @Test
    void freshStickDataPartitionIsConsistent() throws Exception {
        Path img = tmp.resolve("s.img");
        TestSticks.install(img, SIZE, PartitionStyle.MBR, 5);
        assertThat(verify(img).findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.OK);
            assertThat(f.message()).startsWith("data partition: consistent (");
        });
    }
}
