package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.install.StickInfo;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** add checks every file before writing, catalogues each file it finishes, and cleans up interrupted adds. */
class AddSafetyTest extends StickLibraryTest {

    @Override
    long seed() {
        return 23;
    }

    Path file(String dir, String name, byte[] content) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        return Files.write(d.resolve(name), content);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    ExfatVolume data(FileBlockDevice dev) throws Exception {
        return ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK);
    }

    List<String> rootNames() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            return v.list("/").stream().map(FsEntry::name).toList();
        }
    }

    @Test
    void aRefusalListsEveryProblemAndWritesNothing() throws Exception {
        lib.add(stick, List.of(file("src", "old.efi", CatalogTest.pe(0x8664))), "/", ProgressListener.NONE);
        List<String> before = rootNames();
        List<Path> files = List.of(
                file("a", "bad:name.iso", CatalogTest.pe(0x8664)),
                file("a", "trailing.efi ", CatalogTest.pe(0x8664)),
                file("a", "Twin.efi", CatalogTest.pe(0x8664)),
                file("b", "twin.EFI", CatalogTest.pe(0x8664)),
                file("b", "old.efi", CatalogTest.pe(0xAA64)), // other bytes than the one on the stick
                file("a", "random.iso", random(50_000, 1)),
                file("a", "notes.txt", new byte[10]),
                file("a", "empty.img", new byte[0]));
        assertThatThrownBy(() -> lib.add(stick, files, "/", ProgressListener.NONE))
                .isInstanceOf(RefusedException.class)
                .hasMessageStartingWith("nothing was added, 8 problems: ")
                .hasMessageContaining("bad:name.iso: name not valid on exFAT: character ':'")
                .hasMessageContaining("trailing.efi : name not valid on exFAT: ends with a space")
                .hasMessageContaining("twin.EFI: same name as " + files.get(2) + " (exFAT ignores case)")
                .hasMessageContaining("old.efi: /old.efi already exists on the stick")
                .hasMessageContaining("random.iso: not a bootable image: no known signature")
                .hasMessageContaining("notes.txt: not a boot menu file type")
                .hasMessageContaining("empty.img: empty file");
        assertThat(rootNames()).isEqualTo(before);
    }

    @Test
    void theMetadataTreeIsRefusedAsDestinationInAnyCase() throws Exception {
        Path a = file("a", "a.efi", CatalogTest.pe(0x8664));
        assertThatThrownBy(() -> lib.add(stick, List.of(a), "/.POLYBOOT/mine", ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining("/.POLYBOOT/mine is inside polyboot's own catalogue tree");
    }

    @Test
    void notBootableNeedsForceAndTheHintSaysSo() throws Exception {
        Path r = file("a", "random.iso", random(50_000, 2));
        Path t = file("a", "notes.txt", random(100, 3));
        assertThatThrownBy(() -> lib.add(stick, List.of(r, t), "/", ProgressListener.NONE)).isInstanceOf(RefusedException.class)
                .satisfies(e -> assertThat(((RefusedException) e).hint()).contains("--force"));
        assertThat(lib.add(stick, List.of(r, t), "/", true, ProgressListener.NONE).added()).hasSize(2);
    }

    @Test
    void totalSpaceIsCheckedForAllFilesTogether() throws Exception {
        long free;
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            free = v.freeBytes();
        }
        Path a = sparse("a.img", free * 2 / 3);
        Path b = sparse("b.img", free * 2 / 3);
        assertThatThrownBy(() -> lib.add(stick, List.of(a, b), "/", true, ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining("the data partition has " + free + " free");
    }

    Path sparse(String name, long size) throws Exception {
        Path p = tmp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    /** The second file's source disappears while the first is copied: the first stays added and catalogued. */
    @Test
    void aLaterFailureKeepsTheEarlierFilesCatalogued() throws Exception {
        Path a = file("a", "first.efi", CatalogTest.pe(0x8664));
        Path b = file("a", "second.img", random(300_000, 4));
        Path c = file("a", "third.efi", CatalogTest.pe(0xaa64));
        ProgressListener shrink = (phase, done, total) -> {
            if (phase.equals("verifying first.efi")) {
                try {
                    Files.deleteIfExists(b);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        AddResult r = lib.add(stick, List.of(a, b, c), "/", true, shrink);
        assertThat(r.added()).extracting(AddedImage::path).containsExactly("/first.efi");
        assertThat(r.failed()).extracting(AddResult.Failed::source).containsExactly(b, c);
        assertThat(r.failed().get(0).reason()).contains(b.toString());
        assertThat(r.failed().get(1).reason()).startsWith("not attempted");
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/first.efi");
        assertThat(lib.list(stick)).allMatch(MenuItem::catalogued);
        assertThat(rootNames()).noneMatch(n -> n.startsWith(PartialCopies.PREFIX));
        ImageLibraryTest.LoopDevicesOracle.fsckData(img, layout);
    }

    @Test
    void leftoverPartialCopiesAreReportedByInfoAndRemovedByTheNextWriter() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, false); ExfatVolume v = data(dev)) {
            v.mkdirs("/linux");
            v.writeFile("/linux/.polyboot-partial-big.iso", new ByteArrayInputStream(new byte[70_000]), 70_000);
            v.writeFile("/.polyboot-partial-x.img", new ByteArrayInputStream(new byte[5_000]), 5_000);
            v.flush();
        }
        StickInfo info;
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            info = new StickInspector(TestSticks.CLOCK).inspect(dev);
        }
        assertThat(info.problems()).contains(
                "leftover partial copy /.polyboot-partial-x.img (5000 bytes) of an interrupted add; the next add, remove or refresh removes it",
                "leftover partial copy /linux/.polyboot-partial-big.iso (70000 bytes) of an interrupted add; the next add, remove or refresh removes it");
        lib.refresh(stick, listener);
        assertThat(warnings).containsExactlyInAnyOrder(
                "removed /.polyboot-partial-x.img (5000 bytes), the partial copy of an interrupted add",
                "removed /linux/.polyboot-partial-big.iso (70000 bytes), the partial copy of an interrupted add");
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            assertThat(new StickInspector(TestSticks.CLOCK).inspect(dev).problems()).noneMatch(p -> p.contains("partial"));
        }
        ImageLibraryTest.LoopDevicesOracle.fsckData(img, layout);
    }
}
