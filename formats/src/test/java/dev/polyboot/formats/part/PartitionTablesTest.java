package dev.polyboot.formats.part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.mbr.MbrBuilder;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartitionSpec;
import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PartitionTablesTest {

    record Case(int sectorSize, List<MbrPartitionSpec> specs) {}

    /** Random valid primary partition lists round-trip through build, encode, decode and the unified view. */
    @Property(tries = 200)
    void mbrRoundTripsAt512And4096(@ForAll("cases") Case c) throws Exception {
        int ss = c.sectorSize();
        MemoryBlockDevice dev = new MemoryBlockDevice(new byte[ss * 4], ss, false);
        MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0x1234ABCDL, c.specs()));
        DiskPartitions view = PartitionTables.read(dev);
        assertThat(view.style()).isEqualTo(DiskPartitions.Style.MBR);
        assertThat(view.diskId()).isEqualTo("0x1234abcd");
        List<PartitionInfo> expected = new ArrayList<>();
        for (int i = 0; i < c.specs().size(); i++) {
            MbrPartitionSpec s = c.specs().get(i);
            expected.add(new PartitionInfo(i + 1, s.firstLba() * ss, s.sectorCount() * ss, s.type(), null, null, s.active(),
                    String.format("1234abcd-%02x", i + 1)));
        }
        assertThat(view.partitions()).isEqualTo(expected);
        assertThat(MbrCodec.decode(MbrCodec.encode(MbrCodec.read(dev)))).isEqualTo(MbrCodec.read(dev));
    }

    @Provide
    Arbitrary<Case> cases() {
        // Type 5/F/85 would send the reader into an (absent) extended partition chain; those are tested with sfdisk.
        Arbitrary<MbrPartitionSpec> spec = Combinators.combine(
                Arbitraries.longs().between(1, 0xFFFF_0000L),
                Arbitraries.longs().between(1, 0xFFFFL),
                Arbitraries.integers().between(1, 255).filter(t -> t != 0x05 && t != 0x0F && t != 0x85 && t != 0xEE),
                Arbitraries.of(true, false)).as(MbrPartitionSpec::new);
        return Combinators.combine(Arbitraries.of(512, 4096), spec.list().ofMaxSize(4)).as(Case::new);
    }

    @Test
    void blankDiskHasNoTable() throws Exception {
        assertThat(PartitionTables.read(new MemoryBlockDevice(4096)).style()).isEqualTo(DiskPartitions.Style.NONE);
    }

    @Test
    void superfloppyBootSectorIsNotAPartitionTable() throws Exception {
        byte[] disk = new byte[4096];
        disk[0] = (byte) 0xEB;
        System.arraycopy("EXFAT   ".getBytes(StandardCharsets.US_ASCII), 0, disk, 3, 8);
        disk[446] = 0x12; // boot code bytes where an MBR would have its table
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        assertThat(PartitionTables.read(MemoryBlockDevice.of(disk)).style()).isEqualTo(DiskPartitions.Style.NONE);
    }

    @Test
    void logicalPartitionsFollowTheEbrChain() throws Exception {
        DiskPartitions view = PartitionTables.read(MemoryBlockDevice.of(dev.polyboot.formats.mbr.MbrFuzzTestSeeds.withLogicalPartitions()));
        assertThat(view.partitions()).extracting(PartitionInfo::number, PartitionInfo::startByte, PartitionInfo::sizeBytes, PartitionInfo::mbrType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 512L, 512L, 0x0C),
                        org.assertj.core.groups.Tuple.tuple(2, 1024L, 14 * 512L, 0x0F),
                        org.assertj.core.groups.Tuple.tuple(5, 3 * 512L, 1024L, 0x83),
                        org.assertj.core.groups.Tuple.tuple(6, 7 * 512L, 1024L, 0x83),
                        org.assertj.core.groups.Tuple.tuple(7, 11 * 512L, 1024L, 0x83));
        assertThat(view.findings()).isEmpty();
    }

    @Test
    void ebrChainThatLoopsIsCorrupt() throws Exception {
        byte[] image = dev.polyboot.formats.mbr.MbrFuzzTestSeeds.withLogicalPartitions();
        // The third EBR (LBA 10) links back to the second (LBA 6 = extended start 2 + 4).
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putShort(10 * 512 + 446 + 16 + 4, (short) 0x0005)
                .putInt(10 * 512 + 446 + 16 + 8, 4).putInt(10 * 512 + 446 + 16 + 12, 4);
        assertThatThrownBy(() -> PartitionTables.read(MemoryBlockDevice.of(image)))
                .isInstanceOfSatisfying(CorruptStructureException.class, e -> {
                    assertThat(e.structure()).isEqualTo("EBR");
                    assertThat(e.offset()).isEqualTo(6 * 512);
                    assertThat(e.getMessage()).contains("no cycle");
                });
    }

    @Test
    void ebrLinkOutsideTheExtendedPartitionIsCorrupt() throws Exception {
        byte[] image = dev.polyboot.formats.mbr.MbrFuzzTestSeeds.withLogicalPartitions();
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(6 * 512 + 446 + 16 + 8, 1000);
        assertThatThrownBy(() -> PartitionTables.read(MemoryBlockDevice.of(image)))
                .isInstanceOf(CorruptStructureException.class).hasMessageContaining("inside the extended partition");
    }

    @Test
    void primaryPastTheEndOfTheDiskIsReportedNotHidden() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(1 << 20);
        MbrCodec.write(dev, MbrBuilder.build(new byte[440], 1, List.of(new MbrPartitionSpec(2048, 4096, 0x07, false))));
        DiskPartitions view = PartitionTables.read(dev);
        assertThat(view.partitions()).hasSize(1);
        assertThat(view.findings()).singleElement().asString().startsWith("CORRUPT: partition 1 ends at byte 3145728");
    }
}
