package dev.polyboot.formats.gpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionInfo;
import dev.polyboot.formats.part.PartitionTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random valid tables survive write + read unchanged, at 512- and 4096-byte sectors. */
class GptRoundTripTest {

    record Disk(int sectorSize, long sectors, UUID diskGuid, List<GptPartition> partitions) {}

    @Property(tries = 150)
    void writeThenReadGivesTheSameTable(@ForAll("disks") Disk d) throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(new byte[Math.toIntExact(d.sectors() * d.sectorSize())], d.sectorSize(), false);
        GptTable table = GptTable.create(d.sectors(), d.sectorSize(), d.diskGuid(), d.partitions());
        byte[] boot = new byte[440];
        Arrays.fill(boot, (byte) 0x90);
        GptWriter.write(dev, table, boot);

        GptReadResult r = GptReader.read(dev);
        assertThat(r.source()).isEqualTo(GptReadResult.Source.PRIMARY);
        assertThat(r.findings()).isEmpty();
        assertThat(r.table()).isEqualTo(table);
        assertThat(MbrCodec.read(dev).bootCode()).isEqualTo(boot);
        assertThat(ProtectiveMbr.isProtective(MbrCodec.read(dev))).isTrue();

        // Entries are re-encoded byte-exact too.
        assertThat(GptEntriesCodec.encode(r.table().entries(), 128)).isEqualTo(GptEntriesCodec.encode(table.entries(), 128));

        DiskPartitions view = PartitionTables.read(dev);
        assertThat(view.style()).isEqualTo(DiskPartitions.Style.GPT);
        assertThat(view.diskId()).isEqualTo(Guids.format(d.diskGuid()));
        List<PartitionInfo> expected = new ArrayList<>();
        for (int i = 0; i < d.partitions().size(); i++) {
            GptPartition p = d.partitions().get(i);
            expected.add(new PartitionInfo(i + 1, p.firstLba() * d.sectorSize(), p.sectorCount() * d.sectorSize(), -1,
                    Guids.format(p.typeGuid()), p.name(), (p.attributes() & 4) != 0, Guids.format(p.uniqueGuid())));
        }
        assertThat(view.partitions()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Disk> disks() {
        Arbitrary<Integer> ss = Arbitraries.of(512, 4096);
        return ss.flatMap(s -> {
            long arraySectors = 16384 / s;
            long minSectors = 2 * arraySectors + 3 + 8;
            return Arbitraries.longs().between(minSectors, (8L << 20) / s).flatMap(sectors -> {
                long first = 2 + arraySectors;
                long last = sectors - 2 - arraySectors;
                Arbitrary<GptPartition> part = Combinators.combine(guids().filter(g -> !g.equals(Guids.ZERO)), guids(),
                        Arbitraries.longs().between(first, last), Arbitraries.longs().between(0, 64),
                        Arbitraries.longs(), names())
                        .as((type, unique, start, len, attrs, name) ->
                                new GptPartition(type, unique, start, Math.min(last, start + len), attrs, name));
                return Combinators.combine(guids(), part.list().ofMaxSize(12))
                        .as((g, parts) -> new Disk(s, sectors, g, parts));
            });
        });
    }

    static Arbitrary<UUID> guids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    static Arbitrary<String> names() {
        // Any UTF-16 unit but NUL, unpaired surrogates included: they must survive as raw units.
        return Arbitraries.chars().filter(c -> c != 0).list().ofMaxSize(36)
                .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
    }
}
