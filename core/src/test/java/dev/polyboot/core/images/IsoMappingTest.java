package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.IsoFingerprint;
import dev.polyboot.core.boot.IsoMapping;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.catalog.FamilyLayouts;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * add and refresh record where a block-device ISO lies and its fingerprint: read straight from the stick image at
 * those ranges, the bytes are the ISO's; the partition identity comes from the table (sfdisk names the PARTUUID).
 */
class IsoMappingTest {
    @TempDir
    Path tmp;

    Path liveIso(int padMiB) throws Exception {
        FamilyLayouts.Layout l = FamilyLayouts.named("debian-live");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        FamilyLayouts.write(l, tree);
        byte[] pad = new byte[padMiB << 20];
        new Random(7).nextBytes(pad);
        Files.write(tree.resolve("live/filesystem.squashfs"), pad);
        Path iso = tmp.resolve("debian-live.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", l.volumeId(), "-o", iso.toString(), tree.toString()).assertOk();
        return iso;
    }

    @Test
    void addRecordsRunsFingerprintAndPartitionIdentity() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout layout = TestSticks.install(img, 256L << 20, PartitionStyle.MBR, 31);
        Path iso = liveIso(3);
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK);
        lib.add(new Target.ImageFile(img), List.of(iso), "/linux", ProgressListener.NONE);
        Catalog c = lib.catalog(new Target.ImageFile(img)).orElseThrow();
        CatalogEntry e = c.entries().get(0);
        assertThat(e.needsMapping()).isTrue();
        IsoMapping m = e.mapping();
        assertThat(m).isNotNull();
        assertThat(m.runs()).as("our writer makes it contiguous").hasSize(1);
        assertThat(readRuns(img, layout.data().startBytes(), m)).isEqualTo(Files.readAllBytes(iso));
        try (FileBlockDevice src = FileBlockDevice.open(iso, true)) {
            assertThat(m.fingerprint()).isEqualTo(IsoFingerprint.of(src));
        }
        String sfdisk = Tools.run("sfdisk", "--json", img.toString()).assertOk().stdout();
        String diskId = sfdisk.replaceAll("(?s).*\"id\":\\s*\"0x([0-9a-f]+)\".*", "$1");
        assertThat(c.dataPartUuid()).isEqualTo(diskId + "-01");
        assertThat(c.dataSize()).isEqualTo(layout.data().sizeBytes());
        assertThat(c.toGrubCfg()).contains("polyboot.ext=" + m.runs().get(0).offset() + "+" + m.runs().get(0).length(),
                "polyboot.part=" + diskId + "-01", "polyboot.fp=" + m.fingerprint());
    }

    @Test
    void refreshRecordsTheRunsOfAFileCopiedByHand() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout layout = TestSticks.install(img, 256L << 20, PartitionStyle.GPT, 32);
        Path iso = liveIso(2);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false);
             ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK);
             InputStream in = Files.newInputStream(iso)) {
            v.writeFile("/copied.iso", in, Files.size(iso));
            v.flush();
        }
        Catalog c = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).refresh(new Target.ImageFile(img), ProgressListener.NONE);
        IsoMapping m = c.entries().get(0).mapping();
        assertThat(readRuns(img, layout.data().startBytes(), m)).isEqualTo(Files.readAllBytes(iso));
        String sgdisk = Tools.run("sgdisk", "-i", "1", img.toString()).assertOk().stdout();
        String guid = sgdisk.replaceAll("(?s).*Partition unique GUID: ([0-9A-Fa-f-]+).*", "$1").toLowerCase();
        assertThat(c.dataPartUuid()).isEqualTo(guid);
    }

    @Test
    void adjacentExtentsMergeIntoOneRun() {
        List<IsoMapping.Run> runs = IsoMappings.runs(List.of(new Extent(0, 4096, 8192), new Extent(8192, 12288, 4096),
                new Extent(12288, 65536, 1000), new Extent(13288, 0, 0)));
        assertThat(runs).containsExactly(new IsoMapping.Run(4096, 12288), new IsoMapping.Run(65536, 1000));
    }

    private static byte[] readRuns(Path img, long partitionStart, IsoMapping m) throws Exception {
        byte[] out = new byte[Math.toIntExact(m.length())];
        int pos = 0;
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            for (IsoMapping.Run r : m.runs()) {
                f.seek(partitionStart + r.offset());
                f.readFully(out, pos, Math.toIntExact(r.length()));
                pos += r.length();
            }
        }
        return Arrays.copyOf(out, pos);
    }
}
