package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.device.PartitionTableReload.KernelPartition;
import dev.polyboot.core.device.PartitionTableReload.Method;
import dev.polyboot.core.device.PartitionTableReload.Result;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.mbr.MbrBuilder;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartition;
import dev.polyboot.formats.mbr.MbrPartitionSpec;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel follows a table polyboot wrote, on real loop devices: sysfs ({@code /sys/class/block/loopNpM/start},
 * {@code size}) and the /dev nodes are the oracle; the expected numbers are the test's own constants.
 */
class PartitionTableReloadTest {
    private static final long MIB = 1L << 20;
    @TempDir
    Path tmp;
    Path img;

    @BeforeEach
    void image() throws Exception {
        Tools.require("partx");
        img = ScratchLoop.image(tmp, "disk.img", 64 * MIB);
    }

    /** An MBR with the given (firstLba, sectors) partitions, written through polyboot's own channel. */
    private static void writeMbr(Target.Device disk, long... lbaAndCount) throws Exception {
        List<MbrPartitionSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < lbaAndCount.length; i += 2) {
            specs.add(new MbrPartitionSpec(lbaAndCount[i], lbaAndCount[i + 1], MbrPartition.TYPE_NTFS_EXFAT, false));
        }
        try (BlockDevice dev = TargetResolver.open(disk, false)) {
            MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0x1234abcdL, specs));
            dev.flush();
        }
    }

    @Test
    void aFreshTableAppearsAndAChangedOneIsFollowedOnALoopDeviceWithoutPartitionScanning() throws Exception {
        try (ScratchLoop loop = ScratchLoop.attach(img, false)) {
            Target.Device disk = loop.target();
            writeMbr(disk, 2048, 40960, 43008, 16384);
            Result r = PartitionTableReload.reload(disk);

            // a loop device attached without -P refuses BLKRRPART (EINVAL): partx told the kernel
            assertThat(r.method()).isEqualTo(Method.PARTX);
            assertThat(r.matchesTable()).as("%s", r.notes()).isTrue();
            assertThat(r.notes()).singleElement().asString().startsWith("BLKRRPART ").contains("errno 22");
            assertThat(r.partitions()).containsExactly(new KernelPartition(1, 1 * MIB, 20 * MIB), new KernelPartition(2, 21 * MIB, 8 * MIB));
            assertThat(loop.partition(1)).exists();
            assertThat(loop.partition(2)).exists();
            assertThat(loop.partitionSize(1)).isEqualTo(20 * MIB);
            assertThat(loop.partitionSize(2)).isEqualTo(8 * MIB);

            // p1 shrinks, p2 moves and grows, p3 is new
            writeMbr(disk, 2048, 20480, 22528, 30720, 53248, 8192);
            r = PartitionTableReload.reload(disk);
            assertThat(r.matchesTable()).as("%s", r.notes()).isTrue();
            assertThat(loop.partitionSize(1)).isEqualTo(10 * MIB);
            assertThat(loop.partitionStart(2)).isEqualTo(11 * MIB);
            assertThat(loop.partitionSize(2)).isEqualTo(15 * MIB);
            assertThat(loop.partitionStart(3)).isEqualTo(26 * MIB);
            assertThat(loop.partitionSize(3)).isEqualTo(4 * MIB);
            assertThat(loop.partition(3)).exists();

            // an empty table: the kernel's partitions go away
            writeMbr(disk);
            r = PartitionTableReload.reload(disk);
            assertThat(r.matchesTable()).as("%s", r.notes()).isTrue();
            assertThat(r.partitions()).isEmpty();
            assertThat(loop.partitionSize(1)).isEqualTo(-1);
            assertThat(Files.exists(loop.partition(1))).isFalse();
        }
    }

    @Test
    void reloadingThroughTheClaimShowsTheNewPartitionsWhileMountsStayLockedOut() throws Exception {
        try (ScratchLoop loop = ScratchLoop.attach(img, false)) {
            Target.Device disk = loop.target();
            try (ExclusiveClaim claim = ExclusiveClaim.claim(disk)) {
                writeMbr(disk, 2048, 61440);
                Result r = PartitionTableReload.reload(claim);
                assertThat(r.method()).isEqualTo(Method.PARTX);
                assertThat(r.matchesTable()).as("%s", r.notes()).isTrue();
                assertThat(loop.partitionSize(1)).isEqualTo(30 * MIB);
                assertThat(claim.held()).isTrue();
                // the new partition is there, and still cannot be claimed (mounted) by anybody else
                Target.Device part = (Target.Device) TargetResolver.system().resolve(loop.partition(1).toString());
                assertThat(Files.exists(loop.partition(1))).isTrue();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Libc.open(part.path().toString(), Libc.O_RDONLY | Libc.O_EXCL))
                        .isInstanceOf(Libc.ErrnoException.class).hasMessageContaining("errno 16");
            }
        }
    }

    /**
     * With -P the kernel accepts BLKRRPART. A kernel with the MBR parser then shows the partitions itself; one without
     * it (this project's test kernel) shows none, which the check against the table catches, and partx follows.
     */
    @Test
    void aLoopDeviceWithPartitionScanningEndsWithTheTableWhicheverWayWorked() throws Exception {
        try (ScratchLoop loop = ScratchLoop.attach(img, true)) {
            Target.Device disk = loop.target();
            writeMbr(disk, 2048, 40960, 43008, 16384);
            Result r = PartitionTableReload.reload(disk);
            assertThat(r.matchesTable()).as("%s", r.notes()).isTrue();
            assertThat(r.method()).isIn(Method.BLKRRPART, Method.PARTX);
            if (r.method() == Method.PARTX) assertThat(r.notes()).isNotEmpty();
            assertThat(loop.partitionSize(1)).isEqualTo(20 * MIB);
            assertThat(loop.partitionSize(2)).isEqualTo(8 * MIB);
        }
    }
}
