package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.install.TestSticks;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeviceLister} on {@link FakeMachine}: which disks are offered, why the others are not, transports from the
 * device tree, and what is on each disk. File system types and labels are checked against blkid's low-level probe
 * of the same bytes, not against our own reader.
 */
class DeviceListerTest {
    @TempDir
    static Path tmp;
    static Path root;
    static Map<String, DeviceInfo> devices;

    @BeforeAll
    static void machine() throws Exception {
        root = FakeMachine.build(tmp);
        devices = DeviceLister.under(root, TestSticks.CLOCK).list().stream()
                .collect(Collectors.toMap(DeviceInfo::name, d -> d, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void listsEveryDiskWithAMediumSortedByName() {
        assertThat(devices.keySet()).containsExactly("loop0", "nvme0n1", "sda", "sdb", "sdc", "sdd");
    }

    @Test
    void offersUsbSticksAndHidesSystemFixedAndLoopDisksSayingWhy() {
        assertThat(devices.values().stream().filter(d -> !d.hidden()).map(DeviceInfo::name)).containsExactly("sdb", "sdc", "sdd");
        assertThat(devices.get("sda").hiddenBecause())
                .containsExactly("holds the running system (/ is mounted from it)", "not removable");
        assertThat(devices.get("nvme0n1").hiddenBecause()).containsExactly("not removable");
        assertThat(devices.get("loop0").hiddenBecause()).containsExactly("loop device (counts as a fixed disk)");
        // a USB disk without the removable flag (USB SSDs, some sticks) is still offered
        assertThat(devices.get("sdd").removable()).isFalse();
    }

    @Test
    void transportComesFromWhereTheKernelPutTheDisk() {
        assertThat(devices.get("sda").transport()).isEqualTo(Transport.SATA);
        assertThat(devices.get("sdb").transport()).isEqualTo(Transport.USB);
        assertThat(devices.get("nvme0n1").transport()).isEqualTo(Transport.NVME);
        assertThat(devices.get("loop0").transport()).isEqualTo(Transport.LOOP);
        assertThat(Transport.of("mmcblk0", "devices/platform/soc/fe340000.mmc/mmc_host/mmc0/mmc0:aaaa/block/mmcblk0")).isEqualTo(Transport.MMC);
        assertThat(Transport.of("vda", "devices/pci0000:00/0000:00:04.0/virtio2/block/vda")).isEqualTo(Transport.VIRTIO);
        assertThat(DeviceLister.vendorName("0x1af4")).isEmpty(); // virtio's PCI vendor id
        assertThat(DeviceLister.vendorName("SanDisk")).isEqualTo("SanDisk");
        // an NVMe disk in a USB enclosure is a USB disk
        assertThat(Transport.of("sde", "devices/pci0000:00/0000:00:14.0/usb4/4-1/4-1:1.0/host9/target9:0:0/9:0:0:0/block/sde"))
                .isEqualTo(Transport.USB);
    }

    @Test
    void recognisesPolybootWithItsVersionVentoyWithItsVersionAndBlank() {
        assertThat(devices.get("sdb").content()).isEqualTo(DiskContent.POLYBOOT);
        assertThat(devices.get("sdb").version()).isEqualTo("0.1.0-test");
        assertThat(devices.get("sdc").content()).isEqualTo(DiskContent.VENTOY);
        assertThat(devices.get("sdc").version()).isEqualTo("1.0.99");
        assertThat(devices.get("sdd").content()).isEqualTo(DiskContent.BLANK);
        assertThat(devices.get("sdd").partitionTable()).isEqualTo("none");
        assertThat(devices.get("sda").content()).isEqualTo(DiskContent.OTHER);
        assertThat(devices.get("loop0").content()).isEqualTo(DiskContent.OTHER);
        assertThat(devices.get("loop0").fileSystem()).isEqualTo(FileSystemType.FAT16);
        assertThat(devices.get("loop0").label()).isEqualTo("SCRATCH");
    }

    @Test
    void partitionsComeFromSysfsWithMountsOfTheRunningSystem() {
        DeviceInfo sda = devices.get("sda");
        assertThat(sda.partitionTable()).isEqualTo("gpt");
        assertThat(sda.partitions()).extracting(PartitionSummary::number, p -> p.path().toString(), PartitionSummary::startBytes,
                PartitionSummary::mountPoints).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "/dev/sda1", 1L << 20, List.of("/boot/efi")),
                org.assertj.core.groups.Tuple.tuple(2, "/dev/sda2", 257L << 20, List.of("/")));
        assertThat(devices.get("nvme0n1").partitions()).extracting(p -> p.path().toString())
                .containsExactly("/dev/nvme0n1p1", "/dev/nvme0n1p2");
    }

    @Test
    void fileSystemsAndLabelsAgreeWithBlkid() {
        Tools.require("blkid");
        int checked = 0;
        for (DeviceInfo d : devices.values()) {
            for (PartitionSummary p : d.partitions()) {
                Map<String, String> blkid = blkid(root.resolve("dev").resolve(d.name()), p.startBytes(), p.sizeBytes());
                assertThat(Optional.ofNullable(p.fileSystem()).map(DeviceListerTest::blkidType).orElse(null))
                        .as("type of %s", p.path()).isEqualTo(blkid.get("TYPE"));
                assertThat(p.label()).as("label of %s", p.path()).isEqualTo(blkid.get("LABEL"));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(8);
    }

    @Test
    void oneDiskByNameAlsoWhenHidden() throws Exception {
        DeviceLister lister = DeviceLister.under(root, TestSticks.CLOCK);
        assertThat(lister.describe("sda")).map(DeviceInfo::hidden).contains(true);
        assertThat(lister.describe("sdb1")).isEmpty();
        assertThat(lister.describe("sdz")).isEmpty();
    }

    @Test
    void aDiskThatCannotBeReadKeepsItsSysfsPartitionsAndSaysWhy() throws Exception {
        Path node = root.resolve("dev/sdb");
        Path away = root.resolve("sdb.away");
        java.nio.file.Files.move(node, away);
        try {
            DeviceInfo sdb = DeviceLister.under(root, TestSticks.CLOCK).describe("sdb").orElseThrow();
            assertThat(sdb.content()).isEqualTo(DiskContent.UNKNOWN);
            assertThat(sdb.partitionTable()).isNull();
            assertThat(sdb.note()).startsWith("cannot read /dev/sdb: ");
            assertThat(sdb.partitions()).extracting(PartitionSummary::number, PartitionSummary::fileSystem)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null), org.assertj.core.groups.Tuple.tuple(2, null));
            assertThat(sdb.hidden()).isFalse();
        } finally {
            java.nio.file.Files.move(away, node);
        }
    }

    private static String blkidType(FileSystemType t) {
        return switch (t) {
            case FAT12, FAT16, FAT32 -> "vfat";
            case LUKS -> "crypto_LUKS";
            case LVM -> "LVM2_member";
            default -> t.id();
        };
    }

    private static Map<String, String> blkid(Path image, long offset, long size) {
        Tools.Result r = Tools.run("blkid", "-p", "-O", String.valueOf(offset), "-S", String.valueOf(size), "-o", "export",
                image.toString());
        return r.stdout().lines().filter(l -> l.contains("=")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
                l -> l.substring(l.indexOf('=') + 1), (a, b) -> a));
    }
}
