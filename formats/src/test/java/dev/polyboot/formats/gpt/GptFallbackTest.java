package dev.polyboot.formats.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.gpt.GptFinding.Severity;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damage to one copy falls back to the other and says so; damage to both is an error naming where. */
class GptFallbackTest {
    static final UUID DISK = UUID.fromString("11111111-2222-3333-4444-555555555555");

    static MemoryBlockDevice disk(int ss) throws Exception {
        long sectors = (4L << 20) / ss;
        MemoryBlockDevice dev = new MemoryBlockDevice(new byte[4 << 20], ss, false);
        long mib = (1 << 20) / ss;
        GptTable t = GptTable.create(sectors, ss, DISK, List.of(
                GptPartition.of(GptTypes.BASIC_DATA, UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001"), mib, 2 * mib - 1, 0, "data"),
                GptPartition.of(GptTypes.EFI_SYSTEM, UUID.fromString("aaaaaaaa-0000-0000-0000-000000000002"), 2 * mib, 3 * mib - 1, 0, "esp")));
        GptWriter.write(dev, t, new byte[440]);
        return dev;
    }

    static void flip(MemoryBlockDevice dev, long offset) {
        dev.bytes()[Math.toIntExact(offset)] ^= 0x01;
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void damagedPrimaryHeaderFallsBackToBackup(int ss) throws Exception {
        MemoryBlockDevice dev = disk(ss);
        GptTable good = GptReader.read(dev).table();
        flip(dev, ss + 60); // inside the disk GUID, so only the CRC notices
        GptReadResult r = GptReader.read(dev);
        assertThat(r.source()).isEqualTo(GptReadResult.Source.BACKUP);
        assertThat(r.table()).isEqualTo(good);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CORRUPT);
            assertThat(f.message()).contains("primary GPT unusable").contains("header CRC32");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void damagedPrimaryArrayFallsBackToBackup(int ss) throws Exception {
        MemoryBlockDevice dev = disk(ss);
        GptTable good = GptReader.read(dev).table();
        flip(dev, 2L * ss + 56); // first entry's name
        GptReadResult r = GptReader.read(dev);
        assertThat(r.source()).isEqualTo(GptReadResult.Source.BACKUP);
        assertThat(r.table()).isEqualTo(good);
        assertThat(r.findings()).singleElement().extracting(GptFinding::message).asString()
                .contains("partition entry array at LBA 2").contains("CRC32");
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void damagedBackupIsAFindingWhileThePrimaryIsUsed(int ss) throws Exception {
        MemoryBlockDevice dev = disk(ss);
        flip(dev, dev.size() - ss + 60);
        GptReadResult r = GptReader.read(dev);
        assertThat(r.source()).isEqualTo(GptReadResult.Source.PRIMARY);
        assertThat(r.findings()).extracting(GptFinding::message).anyMatch(m -> m.startsWith("backup GPT unusable"));
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void bothDamagedIsCorruptNamingStructureAndOffset(int ss) throws Exception {
        MemoryBlockDevice dev = disk(ss);
        flip(dev, ss + 60);
        flip(dev, dev.size() - ss + 60);
        assertThatThrownBy(() -> GptReader.read(dev)).isInstanceOfSatisfying(CorruptStructureException.class, e -> {
            assertThat(e.structure()).isEqualTo("GPT primary header");
            assertThat(e.offset()).isEqualTo(ss + 16L);
            assertThat(e.getMessage()).contains("no valid GPT").contains("backup").contains("LBA " + (dev.size() / ss - 1));
        });
        assertThat(GptVerifier.verify(dev)).singleElement().extracting(GptFinding::severity).isEqualTo(Severity.CORRUPT);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void primaryAndBackupThatDisagreeAreReported(int ss) throws Exception {
        MemoryBlockDevice dev = disk(ss);
        GptReadResult r = GptReader.read(dev);
        // Rewrite only the backup copy with a different disk GUID (consistent CRCs, different content).
        long last = dev.size() / ss - 1;
        GptHeader b = GptReader.readHeader(dev, last, last + 1);
        GptHeader other = new GptHeader(b.revision(), b.headerSize(), b.currentLba(), b.backupLba(), b.firstUsableLba(),
                b.lastUsableLba(), UUID.fromString("99999999-2222-3333-4444-555555555555"), b.entriesLba(), b.entryCount(),
                b.entrySize(), b.entriesCrc32());
        dev.write(last * ss, java.nio.ByteBuffer.wrap(GptHeaderCodec.encode(other, ss)));
        List<GptFinding> findings = GptReader.read(dev).findings();
        assertThat(r.findings()).isEmpty();
        assertThat(findings).singleElement().extracting(GptFinding::message).asString().contains("differ in disk GUID");
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void verifierReportsOverlapRangeAndAlignment(int ss) throws Exception {
        long sectors = (4L << 20) / ss;
        long mib = (1 << 20) / ss;
        UUID u1 = UUID.randomUUID();
        GptTable t = GptTable.create(sectors, ss, DISK, List.of(
                new GptPartition(GptTypes.BASIC_DATA, u1, mib, 3 * mib - 1, 0, "a"),
                new GptPartition(GptTypes.BASIC_DATA, u1, mib + 1, mib + 8, 0, "nested, misaligned, same GUID"),
                new GptPartition(GptTypes.BASIC_DATA, UUID.randomUUID(), 2 * mib, 2 * mib + 1, 0, "nested in a"),
                new GptPartition(GptTypes.BASIC_DATA, UUID.randomUUID(), 3 * mib, sectors, 0, "past the end")));
        List<GptFinding> f = GptVerifier.verify(t, sectors, ss);
        assertThat(f).extracting(GptFinding::toString).containsExactlyInAnyOrder(
                "WARNING: partition 2 starts at LBA " + (mib + 1) + ", not aligned to 1 MiB",
                "WARNING: partition 2 repeats unique GUID " + Guids.format(u1),
                "CORRUPT: partition 4 (LBA " + 3 * mib + ".." + sectors + ") outside the usable range "
                        + t.firstUsableLba() + ".." + t.lastUsableLba(),
                "CORRUPT: partitions 1 and 2 overlap at LBA " + (mib + 1),
                "CORRUPT: partitions 1 and 3 overlap at LBA " + 2 * mib);
    }
}
