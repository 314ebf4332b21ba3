package dev.polyboot.formats.mbr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionInfo;
import dev.polyboot.formats.part.PartitionTables;
import dev.polyboot.formats.testing.Sfdisk;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sfdisk and sgdisk as independent oracles for MBRs, in both directions. */
class MbrOracleTest {
    private static final long DISK = 64L << 20;
    // sgdisk -v checks an MBR by converting it to GPT in memory; leave room for the backup GPT at the end.
    private static final long LAST_SIZE = DISK / 512 - 81920 - 2048;
    private static final List<MbrPartitionSpec> LAYOUT = List.of(
            new MbrPartitionSpec(2048, 20480, 0x07, true),
            new MbrPartitionSpec(22528, 10240, 0xEF, false),
            new MbrPartitionSpec(40960, 40960, 0x83, false),
            new MbrPartitionSpec(81920, LAST_SIZE, 0xDA, false));

    @TempDir Path tmp;

    @Test
    void ourMbrIsByteIdenticalToSfdisksAndReadsBackThroughSfdisk() throws Exception {
        Path ours = tmp.resolve("ours.img");
        byte[] boot = new byte[Mbr.BOOT_CODE_SIZE];
        Arrays.fill(boot, (byte) 0xC3);
        try (FileBlockDevice dev = FileBlockDevice.createSparse(ours, DISK)) {
            MbrCodec.write(dev, MbrBuilder.build(boot, 0x12345678L, LAYOUT));
        }
        Path theirs = tmp.resolve("theirs.img");
        FileBlockDevice.createSparse(theirs, DISK).close();
        sfdisk(theirs, "label: dos\nlabel-id: 0x12345678\n"
                + "start=2048, size=20480, type=7, bootable\nstart=22528, size=10240, type=ef\n"
                + "start=40960, size=40960, type=83\nstart=81920, size=" + LAST_SIZE + ", type=da\n");

        byte[] a = Arrays.copyOfRange(Files.readAllBytes(ours), 440, 512);
        byte[] b = Arrays.copyOfRange(Files.readAllBytes(theirs), 440, 512);
        assertThat(a).as("signature, table and 55AA as sfdisk writes them").isEqualTo(b);
        assertThat(Arrays.copyOf(Files.readAllBytes(ours), 440)).as("boot code kept").isEqualTo(boot);

        Sfdisk.Table t = Sfdisk.read(ours);
        assertThat(t.label()).isEqualTo("dos");
        assertThat(t.id()).isEqualTo("0x12345678");
        assertThat(t.partitions()).extracting(Sfdisk.Part::start, Sfdisk.Part::size, Sfdisk.Part::type, Sfdisk.Part::bootable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2048L, 20480L, "7", true),
                        org.assertj.core.groups.Tuple.tuple(22528L, 10240L, "ef", false),
                        org.assertj.core.groups.Tuple.tuple(40960L, 40960L, "83", false),
                        org.assertj.core.groups.Tuple.tuple(81920L, LAST_SIZE, "da", false));
    }

    @Test
    void ourMbrPassesSgdiskVerify() throws Exception {
        Path ours = tmp.resolve("ours.img");
        try (FileBlockDevice dev = FileBlockDevice.createSparse(ours, DISK)) {
            MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0xCAFEF00DL, LAYOUT));
        }
        Tools.Result r = Tools.run("sgdisk", "-v", ours.toString()).assertOk();
        assertThat(r.stdout()).contains("No problems found");
    }

    @Test
    void tableMadeBySfdiskWithOddTypesAndLogicalsReadsIdentically() throws Exception {
        Path img = tmp.resolve("sfdisk.img");
        FileBlockDevice.createSparse(img, DISK).close();
        sfdisk(img, "label: dos\nlabel-id: 0x0badcafe\n"
                + "start=2048, size=20480, type=c\nstart=22528, size=8192, type=1b, bootable\n"
                + "start=40960, size=61440, type=85\n"
                + "start=43008, size=4096, type=83\nstart=49152, size=4096, type=a5\nstart=55296, size=2048, type=82\n"
                + "start=110592, type=fd\n");
        Sfdisk.Table expected = Sfdisk.read(img);
        assertThat(expected.partitions()).hasSize(7);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            DiskPartitions ours = PartitionTables.read(dev);
            assertThat(ours.style()).isEqualTo(DiskPartitions.Style.MBR);
            assertThat(ours.diskId()).isEqualTo(expected.id());
            assertSame(expected, ours);
        }
    }

    static void assertSame(Sfdisk.Table expected, DiskPartitions ours) {
        assertThat(ours.partitions()).hasSameSizeAs(expected.partitions());
        for (int i = 0; i < expected.partitions().size(); i++) {
            Sfdisk.Part e = expected.partitions().get(i);
            PartitionInfo p = ours.partitions().get(i);
            assertThat(e.node()).endsWith(String.valueOf(p.number()));
            assertThat(p.startByte()).isEqualTo(e.start() * expected.sectorSize());
            assertThat(p.sizeBytes()).isEqualTo(e.size() * expected.sectorSize());
            assertThat(Integer.toHexString(p.mbrType())).isEqualTo(e.type());
            assertThat(p.bootable()).isEqualTo(e.bootable());
        }
    }

    static void sfdisk(Path img, String script) throws Exception {
        Path s = img.resolveSibling(img.getFileName() + ".sfdisk");
        Files.writeString(s, script);
        Tools.require("sfdisk");
        Process p = new ProcessBuilder("sfdisk", "-q", "--no-reread", "--no-tell-kernel", img.toString())
                .redirectInput(s.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
