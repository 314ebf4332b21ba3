package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * El Torito catalogs written by xorriso and genisoimage (BIOS no-emulation, floppy and hard-disk emulation, UEFI
 * with a FAT image of 1.4 MB and of 40 MB, whose sector count xorriso writes as 0) compared entry by entry with
 * {@code xorriso -report_el_torito plain}; image ranges checked against the files they were made from.
 */
class ElToritoOracleTest {
    @TempDir Path tmp;

    @Test
    void xorrisoBiosAndUefi() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("t/boot"));
        Files.write(tree.resolve("bios.bin"), IsoFixtures.pattern(4096, 9));
        fat(tree.resolve("efi.img"), "1440");
        Path iso = IsoFixtures.xorriso(tree.getParent(), tmp.resolve("e.iso"), "-b", "boot/bios.bin", "-no-emul-boot",
                "-boot-load-size", "4", "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot");
        List<ElToritoEntry> entries = assertMatchesXorriso(iso);
        assertThat(entries).extracting(ElToritoEntry::platformId)
                .containsExactly(ElToritoEntry.PLATFORM_X86, ElToritoEntry.PLATFORM_EFI);
        assertThat(entries.get(0).imageLength()).isEqualTo(2048); // 4 virtual sectors, what the BIOS loads
        assertThat(entries.get(1).imageLength()).isEqualTo(1440 * 1024);
        assertThat(entries.get(1).sizeSource()).isEqualTo(ElToritoImageSize.Source.SECTOR_COUNT);
    }

    @Test
    void uefiImageOver65535SectorsIsSizedFromItsFatBootSector() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("t/boot"));
        fat(tree.resolve("efi.img"), "40960");
        Path iso = IsoFixtures.xorriso(tree.getParent(), tmp.resolve("e.iso"), "-e", "boot/efi.img", "-no-emul-boot");
        List<ElToritoEntry> entries = assertMatchesXorriso(iso);
        assertThat(entries.get(0).sectorCount()).isZero();
        assertThat(entries.get(0).sizeSource()).isEqualTo(ElToritoImageSize.Source.FAT_BOOT_SECTOR);
        assertThat(entries.get(0).imageLength()).isEqualTo(40L << 20);
    }

    @Test
    void genisoimageFloppyEmulationAndUefi() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("t/boot"));
        fat(tree.resolve("floppy.img"), "1440");
        fat(tree.resolve("efi.img"), "2880");
        Path iso = IsoFixtures.genisoimage(tree.getParent(), tmp.resolve("g.iso"), "-b", "boot/floppy.img", "-c",
                "boot/boot.cat", "-eltorito-alt-boot", "-e", "boot/efi.img", "-no-emul-boot");
        List<ElToritoEntry> entries = assertMatchesXorriso(iso);
        assertThat(entries.get(0).mediaType()).isEqualTo(ElToritoEntry.MEDIA_FLOPPY_1_44M);
        assertThat(entries.get(0).imageLength()).isEqualTo(1_474_560);
        assertThat(entries.get(1).imageLength()).isEqualTo(2880 * 1024);
    }

    @Test
    void genisoimageHardDiskEmulationEndsWithTheLastPartition() throws Exception {
        Tools.require("sfdisk");
        Path tree = Files.createDirectories(tmp.resolve("t/boot"));
        Path hd = tree.resolve("hd.img");
        try (var ch = java.nio.channels.FileChannel.open(hd, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(0).write(java.nio.ByteBuffer.allocate(1), (4L << 20) - 1);
        }
        Path script = Files.writeString(tmp.resolve("sfdisk.in"), "label: dos\nstart=63, size=4000, type=c, bootable\n");
        Process sfdisk = new ProcessBuilder("sfdisk", "-q", hd.toString()).redirectInput(script.toFile())
                .redirectErrorStream(true).start();
        sfdisk.getInputStream().readAllBytes();
        assertThat(sfdisk.waitFor()).isZero();
        Path iso = IsoFixtures.genisoimage(tree.getParent(), tmp.resolve("h.iso"), "-hard-disk-boot", "-b",
                "boot/hd.img", "-c", "boot/boot.cat");
        List<ElToritoEntry> entries = assertMatchesXorriso(iso);
        assertThat(entries.get(0).mediaType()).isEqualTo(ElToritoEntry.MEDIA_HARD_DISK);
        assertThat(entries.get(0).sizeSource()).isEqualTo(ElToritoImageSize.Source.MBR_PARTITIONS);
        assertThat(entries.get(0).imageLength()).isEqualTo((63 + 4000) * 512L);
    }

    /** Compares every entry with xorriso's report; an entry with an image path starts where that file does. */
    static List<ElToritoEntry> assertMatchesXorriso(Path iso) throws IOException {
        ElToritoReport report = ElToritoReport.of(iso);
        try (FileBlockDevice dev = FileBlockDevice.open(iso, true)) {
            IsoImage image = IsoImage.read(dev);
            ElToritoCatalog catalog = image.elTorito().orElseThrow();
            assertThat(catalog.offset()).isEqualTo(report.catalogLba() * 2048);
            assertThat(catalog.findings()).isEmpty();
            List<ElToritoReport.Image> ours = new ArrayList<>();
            for (int i = 0; i < catalog.entries().size(); i++) ours.add(ElToritoReport.of(i + 1, catalog.entries().get(i)));
            assertThat(ours).isEqualTo(report.images());
            for (int i = 0; i < catalog.entries().size(); i++) {
                ElToritoEntry e = catalog.entries().get(i);
                String path = report.paths().get(i + 1);
                assertThat(image.fileStartingAt(e.imageOffset()).map(IsoEntry::path)).isEqualTo(
                        java.util.Optional.ofNullable(path));
                if (path != null) {
                    IsoEntry file = image.lookup(path).orElseThrow();
                    assertThat(e.imageOffset()).as(path).isEqualTo(file.startOffset());
                    if (e.isEfi()) assertThat(e.imageLength()).as(path).isEqualTo(file.size());
                }
                Long blocks = report.blocks().get(i + 1);
                if (blocks != null) assertThat(e.imageLength()).isEqualTo(blocks * 2048);
                if (e.isEfi()) assertIsWholeFat(dev, e);
            }
            return catalog.entries();
        }
    }

    /** fsck.fat complains when the file system is longer than the file: the range holds all of it. */
    static void assertIsWholeFat(BlockDevice dev, ElToritoEntry e) throws IOException {
        Path copy = Files.createTempFile("eltorito-efi", ".img");
        try {
            ByteBuffer b = dev.read(e.imageOffset(), Math.toIntExact(e.imageLength()));
            Files.write(copy, b.array());
            Tools.run("fsck.fat", "-n", copy.toString()).assertOk();
        } finally {
            Files.delete(copy);
        }
    }

    private static void fat(Path img, String kib) {
        Tools.run("mkfs.fat", "-C", img.toString(), kib).assertOk();
    }
}
