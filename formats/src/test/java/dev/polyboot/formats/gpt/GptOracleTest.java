package dev.polyboot.formats.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.mbr.MbrBuilder;
import dev.polyboot.formats.mbr.MbrPartitionSpec;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionInfo;
import dev.polyboot.formats.part.PartitionTables;
import dev.polyboot.formats.testing.Sfdisk;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sgdisk and sfdisk as independent oracles for GPTs, in both directions. */
class GptOracleTest {
    static final UUID DISK = Guids.parse("0D15EA5E-1234-4321-ABCD-0123456789AB");

    @TempDir Path tmp;

    static List<GptPartition> layout(long mib) {
        return List.of(
                GptPartition.of(GptTypes.BASIC_DATA, Guids.parse("AAAAAAAA-0000-4000-8000-000000000001"), mib, 9 * mib - 1,
                        GptPartition.ATTR_MS_NO_AUTOMOUNT | GptPartition.ATTR_MS_READ_ONLY, "POLYBOOT données €𝄞"),
                GptPartition.of(GptTypes.BIOS_BOOT, Guids.parse("AAAAAAAA-0000-4000-8000-000000000002"), 34, 2047, 0, "BIOS boot"),
                GptPartition.of(GptTypes.EFI_SYSTEM, Guids.parse("AAAAAAAA-0000-4000-8000-000000000003"), 9 * mib, 12 * mib - 1,
                        GptPartition.ATTR_REQUIRED | GptPartition.ATTR_LEGACY_BIOS_BOOTABLE, "EFI system partition 36 chars long!"),
                GptPartition.of(Guids.parse("12345678-9ABC-DEF0-1234-56789ABCDEF0"), Guids.parse("AAAAAAAA-0000-4000-8000-000000000004"),
                        12 * mib, 13 * mib - 1, 1L << 48, ""));
    }

    @Test
    void ourGptPassesSgdiskAndReadsBackIdenticallyThroughSfdisk() throws Exception {
        Path img = tmp.resolve("ours.img");
        try (FileBlockDevice dev = FileBlockDevice.createSparse(img, 16L << 20)) {
            GptWriter.write(dev, GptTable.create(dev.size() / 512, 512, DISK, layout(2048)), new byte[440]);
        }
        assertSgdiskHappy(img);
        Sfdisk.Table t = Sfdisk.read(img);
        assertThat(t.label()).isEqualTo("gpt");
        assertThat(t.id()).isEqualTo(Guids.format(DISK));
        // sfdisk lists partitions in slot order; slot numbers come from the node names.
        List<GptPartition> expected = layout(2048);
        assertThat(t.partitions()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            GptPartition p = expected.get(i);
            Sfdisk.Part s = t.partitions().get(i);
            assertThat(s.node()).endsWith("img" + (i + 1));
            assertThat(s.start()).isEqualTo(p.firstLba());
            assertThat(s.size()).isEqualTo(p.sectorCount());
            assertThat(s.type()).isEqualTo(Guids.format(p.typeGuid()));
            assertThat(s.uuid()).isEqualTo(Guids.format(p.uniqueGuid()));
            assertThat(s.name() == null ? "" : s.name()).isEqualTo(p.name());
            assertThat(s.attrs()).isEqualTo(sfdiskAttrs(p.attributes()));
        }
        assertThat(Files.readAllBytes(img)).hasSizeGreaterThan(0);
    }

    @Test
    void tableMadeBySgdiskReadsIdenticallyToSfdisk() throws Exception {
        Path img = tmp.resolve("sgdisk.img");
        FileBlockDevice.createSparse(img, 64L << 20).close();
        Tools.run("sgdisk", "-o", "-U", "11111111-2222-3333-4444-555555555555",
                "-n", "1:2048:+10M", "-t", "1:ef00", "-c", "1:EFI système", "-A", "1:set:0", "-A", "1:set:2",
                "-n", "2:0:+5M", "-t", "2:0700", "-c", "2:Données €𝄞", "-A", "2:set:63", "-A", "2:set:60",
                "-n", "3:0:+1M", "-t", "3:ef02",
                "-n", "7:0:+3M", "-t", "7:8300", "-c", "7:x",
                "-n", "128:0:+1M", "-t", "128:a501", "-c", "128:slot 128",
                img.toString()).assertOk();
        assertSameAsSfdisk(img);

        byte[] sector0 = java.util.Arrays.copyOf(Files.readAllBytes(img), 512);
        var theirs = dev.polyboot.formats.mbr.MbrCodec.decode(sector0);
        var ours = ProtectiveMbr.create(theirs.bootCode(), theirs.diskSignature(), (64L << 20) / 512);
        assertThat(dev.polyboot.formats.mbr.MbrCodec.encode(ours)).as("protective MBR as sgdisk writes it").isEqualTo(sector0);
    }

    @Test
    void threeTiBSparseGptWorksAndAnMbrThereIsRefused() throws Exception {
        Path img = tmp.resolve("3tib.img");
        long size = 3L << 40;
        long sectors = size / 512;
        long gib = 2L * 1024 * 1024;
        try (FileBlockDevice dev = FileBlockDevice.createSparse(img, size)) {
            List<GptPartition> parts = List.of(
                    GptPartition.of(GptTypes.BASIC_DATA, Guids.parse("BBBBBBBB-0000-4000-8000-000000000001"), 2048,
                            sectors - 64L * 2048 - 1, 0, "POLYBOOT"),
                    GptPartition.of(GptTypes.EFI_SYSTEM, Guids.parse("BBBBBBBB-0000-4000-8000-000000000002"),
                            sectors - 64L * 2048, sectors - 2048 - 1, 0, "PBOOT"));
            GptWriter.write(dev, GptTable.create(sectors, 512, DISK, parts), new byte[440]);
            assertThat(parts.get(1).firstLba()).isGreaterThan(1L << 32);

            assertThatThrownBy(() -> MbrBuilder.build(new byte[440], 1, List.of(
                    new MbrPartitionSpec(2048, 2 * gib, 7, false),
                    new MbrPartitionSpec(sectors - 64L * 2048, 62L * 2048, 0xEF, false))))
                    .isInstanceOf(UnsupportedLayoutException.class)
                    .hasMessageContaining("partition 2").hasMessageContaining("2 TiB");
        }
        assertSgdiskHappy(img);
        assertSameAsSfdisk(img);
        assertThat(Files.size(img)).isEqualTo(size);
    }

    static void assertSgdiskHappy(Path img) {
        Tools.Result r = Tools.run("sgdisk", "-v", img.toString()).assertOk();
        assertThat(r.stdout()).contains("No problems found");
    }

    static void assertSameAsSfdisk(Path img) throws Exception {
        Sfdisk.Table expected = Sfdisk.read(img);
        DiskPartitions ours;
        List<GptPartition> used = new ArrayList<>();
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            ours = PartitionTables.read(dev);
            GptReadResult r = GptReader.read(dev);
            assertThat(r.source()).isEqualTo(GptReadResult.Source.PRIMARY);
            assertThat(r.findings()).isEmpty();
            assertThat(GptVerifier.verify(dev)).allMatch(f -> f.severity() == GptFinding.Severity.WARNING);
            used.addAll(r.table().usedEntries());
        }
        assertThat(ours.style()).isEqualTo(DiskPartitions.Style.GPT);
        assertThat(ours.diskId()).isEqualTo(expected.id());
        assertThat(ours.partitions()).hasSameSizeAs(expected.partitions());
        for (int i = 0; i < expected.partitions().size(); i++) {
            Sfdisk.Part e = expected.partitions().get(i);
            PartitionInfo p = ours.partitions().get(i);
            assertThat(e.node()).endsWith("img" + p.number());
            assertThat(p.startByte()).isEqualTo(e.start() * 512);
            assertThat(p.sizeBytes()).isEqualTo(e.size() * 512);
            assertThat(p.gptType()).isEqualTo(e.type());
            assertThat(p.partUuid()).isEqualTo(e.uuid());
            assertThat(p.name()).isEqualTo(e.name() == null ? "" : e.name());
            assertThat(p.mbrType()).isEqualTo(-1);
            assertThat(sfdiskAttrs(used.get(i).attributes())).isEqualTo(e.attrs());
            assertThat(p.bootable()).isEqualTo(e.attrs() != null && e.attrs().contains("LegacyBIOSBootable"));
        }
    }

    /** Attributes in the words {@code sfdisk --json} uses, or null when none are set. */
    static String sfdiskAttrs(long a) {
        List<String> words = new ArrayList<>();
        if ((a & 1) != 0) words.add("RequiredPartition");
        if ((a & 2) != 0) words.add("NoBlockIOProtocol");
        if ((a & 4) != 0) words.add("LegacyBIOSBootable");
        List<String> bits = new ArrayList<>();
        for (int b = 48; b < 64; b++) if ((a >>> b & 1) != 0) bits.add(String.valueOf(b));
        if (!bits.isEmpty()) words.add("GUID:" + String.join(",", bits));
        return words.isEmpty() ? null : String.join(" ", words);
    }
}
