package dev.polyboot.formats.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.gpt.GptPartition;
import dev.polyboot.formats.gpt.GptReadResult;
import dev.polyboot.formats.gpt.GptReader;
import dev.polyboot.formats.gpt.GptTable;
import dev.polyboot.formats.gpt.GptTypes;
import dev.polyboot.formats.gpt.GptWriter;
import dev.polyboot.formats.gpt.Guids;
import dev.polyboot.formats.mbr.MbrBuilder;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartitionSpec;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionTables;
import dev.polyboot.formats.testing.LoopDevice;
import dev.polyboot.formats.testing.Sfdisk;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real block devices: loop devices over the test's own images, at 512- and 4096-byte logical sectors. */
class LoopDeviceTest {
    static final long SIZE = 32L << 20;

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void describeOpenAndWriteAGptThatSgdiskAccepts(int ss) throws Exception {
        Path img = tmp.resolve("disk.img");
        FileBlockDevice.createSparse(img, SIZE).close();
        try (LoopDevice loop = LoopDevice.attach(img, ss)) {
            BlockDeviceInfo info = BlockDevices.describe(loop.node());
            assertThat(info.node()).isEqualTo(loop.node());
            assertThat(info.name()).isEqualTo(loop.name());
            assertThat(info.major()).isEqualTo(7);
            assertThat(info.sizeBytes()).isEqualTo(SIZE);
            assertThat(info.logicalSectorSize()).isEqualTo(ss);
            assertThat(info.is4kNative()).isEqualTo(ss == 4096);
            assertThat(info.removable()).isFalse();
            assertThat(info.isPartition()).isFalse();
            assertThat(info.parentDisk()).isEqualTo(loop.name());
            assertThat(info.model()).isNull();

            long mib = (1 << 20) / ss;
            long sectors = SIZE / ss;
            GptTable table = GptTable.create(sectors, ss, Guids.parse("01234567-89AB-CDEF-0123-456789ABCDEF"), List.of(
                    GptPartition.of(GptTypes.BASIC_DATA, UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001"), mib, 20 * mib - 1, 0, "POLYBOOT"),
                    GptPartition.of(GptTypes.EFI_SYSTEM, UUID.fromString("aaaaaaaa-0000-4000-8000-000000000002"), 20 * mib, 30 * mib - 1, 0, "PBOOT")));
            try (BlockDevice dev = BlockDevices.open(loop.node(), false)) {
                assertThat(dev.sectorSize()).isEqualTo(ss);
                assertThat(dev.size()).isEqualTo(SIZE);
                GptWriter.write(dev, table, new byte[440]);
            }
            assertThat(Tools.run("sgdisk", "-v", loop.node().toString()).assertOk().stdout()).contains("No problems found");
            Sfdisk.Table t = Sfdisk.read(loop.node());
            assertThat(t.sectorSize()).isEqualTo(ss);
            assertThat(t.partitions()).extracting(Sfdisk.Part::start).containsExactly(mib, 20 * mib);
            try (BlockDevice dev = BlockDevices.open(loop.node(), true)) {
                GptReadResult r = GptReader.read(dev);
                assertThat(r.table()).isEqualTo(table);
                assertThat(r.findings()).isEmpty();
            }

            loop.addPartitions();
            BlockDeviceInfo p2 = BlockDevices.describe(loop.partition(2));
            assertThat(p2.isPartition()).isTrue();
            assertThat(p2.parentDisk()).isEqualTo(loop.name());
            assertThat(p2.sizeBytes()).isEqualTo(10L << 20);
            assertThat(p2.logicalSectorSize()).isEqualTo(ss);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void mbrInLogicalSectorsReadsBackThroughSfdisk(int ss) throws Exception {
        Path img = tmp.resolve("disk.img");
        FileBlockDevice.createSparse(img, SIZE).close();
        try (LoopDevice loop = LoopDevice.attach(img, ss)) {
            long mib = (1 << 20) / ss;
            try (BlockDevice dev = BlockDevices.open(loop.node(), false)) {
                MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0x5EC7012EL, List.of(
                        new MbrPartitionSpec(mib, 20 * mib, 0x07, true), new MbrPartitionSpec(21 * mib, 8 * mib, 0xEF, false))));
                dev.flush();
            }
            Sfdisk.Table t = Sfdisk.read(loop.node());
            assertThat(t.sectorSize()).isEqualTo(ss);
            assertThat(t.partitions()).extracting(Sfdisk.Part::start, Sfdisk.Part::size)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(mib, 20 * mib), org.assertj.core.groups.Tuple.tuple(21 * mib, 8 * mib));
            try (BlockDevice dev = BlockDevices.open(loop.node(), true)) {
                DiskPartitions view = PartitionTables.read(dev);
                assertThat(view.partitions()).extracting(pi -> pi.startByte()).containsExactly(1L << 20, 21L << 20);
            }
        }
    }
}
