package dev.polyboot.formats.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDevicesTest {
    @TempDir Path tmp;

    @Test
    void devTSplitsLikeGlibc() {
        // glibc makedev: major bits 0-11 at 8, 12-31 at 44; minor bits 0-7 at 0, 8-31 at 20.
        long major = 0x12345, minor = 0xABCDE;
        long dev = ((major & 0xfff) << 8) | ((major & ~0xfffL) << 32) | (minor & 0xff) | ((minor & ~0xffL) << 12);
        assertThat(BlockDevices.major(dev)).isEqualTo(0x12345);
        assertThat(BlockDevices.minor(dev)).isEqualTo(0xABCDE);
        assertThat(BlockDevices.major(0x0801)).isEqualTo(8);
        assertThat(BlockDevices.minor(0x0801)).isEqualTo(1);
    }

    @Test
    void describesAUsbStickPartitionFromSysfs() throws Exception {
        Path sys = tmp.resolve("sys");
        Path disk = sys.resolve("devices/pci0000:00/0000:00:14.0/usb2/2-1/host6/target6:0:0/6:0:0:0/block/sdb");
        Files.createDirectories(disk.resolve("queue"));
        Files.createDirectories(disk.resolve("device"));
        Files.createDirectories(disk.resolve("sdb1"));
        Files.writeString(disk.resolve("size"), "60437492\n");
        Files.writeString(disk.resolve("removable"), "1\n");
        Files.writeString(disk.resolve("queue/logical_block_size"), "512\n");
        Files.writeString(disk.resolve("device/model"), "Ultra Fit       \n");
        Files.writeString(disk.resolve("sdb1/size"), "60435456\n");
        Files.writeString(disk.resolve("sdb1/partition"), "1\n");
        Files.createDirectories(sys.resolve("dev/block"));
        Files.createSymbolicLink(sys.resolve("dev/block/8:17"), sys.resolve("dev/block").relativize(disk.resolve("sdb1")));
        Files.createSymbolicLink(sys.resolve("dev/block/8:16"), sys.resolve("dev/block").relativize(disk));

        BlockDeviceInfo part = BlockDevices.describe(Path.of("/dev/sdb1"), 8, 17, sys);
        assertThat(part).isEqualTo(new BlockDeviceInfo(Path.of("/dev/sdb1"), "sdb1", 8, 17, 60435456L * 512, 512, true, true,
                "sdb", "Ultra Fit"));
        BlockDeviceInfo whole = BlockDevices.describe(Path.of("/dev/sdb"), 8, 16, sys);
        assertThat(whole.isPartition()).isFalse();
        assertThat(whole.parentDisk()).isEqualTo("sdb");
        assertThat(whole.sizeBytes()).isEqualTo(60437492L * 512);
    }

    @Test
    void imageFilesOpenAsFilesAndAreNotDescribed() throws Exception {
        Path img = tmp.resolve("x.img");
        FileBlockDevice.createSparse(img, 1 << 20).close();
        assertThat(BlockDevices.isBlockDevice(img)).isFalse();
        try (BlockDevice dev = BlockDevices.open(img, true)) {
            assertThat(dev.size()).isEqualTo(1 << 20);
            assertThat(dev.sectorSize()).isEqualTo(512);
            assertThat(dev.isReadOnly()).isTrue();
        }
        assertThatThrownBy(() -> BlockDevices.describe(img)).isInstanceOf(IllegalArgumentException.class);
    }
}
