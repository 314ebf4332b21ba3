package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageLibraryTest extends StickLibraryTest {
    static final long SIZE = 256L << 20;

    @Override
    long seed() {
        return 21;
    }

    @Override
    long stickBytes() {
        return SIZE;
    }

    @Override
    String version() {
        return "0.1.0";
    }

    Path file(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = tmp.resolve(name);
        Files.write(p, b);
        return p;
    }

    ExfatVolume data(FileBlockDevice dev) throws Exception {
        return ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK);
    }

    @Test
    void addCopiesContiguouslyVerifiesAndListsInMenuOrder() throws Exception {
        Path a = file("zeta.iso", 5_000_000, 1);
        Path b = file("alpha.img", 1_234_567, 2);
        Path c = file("notes.txt", 100, 3);
        List<String> phases = new ArrayList<>();
        List<AddedImage> added = lib.add(stick, List.of(a, b, c), "/", true, (p, d, t) -> {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(p)) phases.add(p);
        }).added();
        assertThat(added).extracting(AddedImage::path).containsExactly("/zeta.iso", "/alpha.img", "/notes.txt");
        assertThat(added.get(0).sha256()).isEqualTo(TestSticks.sha256(a));
        assertThat(added).noneMatch(AddedImage::viaMount);
        assertThat(phases).startsWith("copying zeta.iso", "verifying zeta.iso", "copying alpha.img");
        // add catalogues what it copied: the catalogue part of the menu is sorted by path; non-images are not listed.
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/alpha.img", "/zeta.iso");
        assertThat(lib.list(stick)).allMatch(MenuItem::catalogued);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            assertThat(v.extents("/zeta.iso")).hasSize(1);
            assertThat(TestSticks.sha256(Channels.newInputStream(v.open("/alpha.img")))).isEqualTo(TestSticks.sha256(b));
            assertThat(v.list("/")).extracting(FsEntry::name).noneMatch(n -> n.startsWith(".polyboot-partial-"));
        }
        LoopDevicesOracle.fsckData(img, layout);
    }

    @Test
    void addIntoNestedDirectoriesAndRemove() throws Exception {
        Path a = file("debian.iso", 100_000, 4);
        lib.add(stick, List.of(a), "/linux/debian", true, ProgressListener.NONE).added();
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/linux/debian/debian.iso");
        lib.remove(stick, "/linux/debian/debian.iso");
        assertThat(lib.list(stick)).isEmpty();
    }

    @Test
    void refusesToOverwriteAndLeavesTheOriginal() throws Exception {
        Path a = file("x.iso", 10_000, 5);
        lib.add(stick, List.of(a), "/", true, ProgressListener.NONE).added();
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Path a2 = Files.write(other.resolve("x.iso"), new byte[20_000]);
        assertThatThrownBy(() -> lib.add(stick, List.of(a2), "/", true, ProgressListener.NONE).added()).isInstanceOf(RefusedException.class)
                .hasMessageContaining("/x.iso already exists on the stick");
        assertThat(lib.list(stick)).singleElement().satisfies(i -> assertThat(i.size()).isEqualTo(10_000));
    }

    @Test
    void aLeftoverPartialCopyIsReplaced() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, false); ExfatVolume v = data(dev)) {
            v.writeFile("/.polyboot-partial-y.iso", new ByteArrayInputStream(new byte[777]), 777);
            v.flush();
        }
        assertThat(lib.list(stick)).isEmpty(); // hidden names are not in the menu
        Path y = file("y.iso", 50_000, 6);
        lib.add(stick, List.of(y), "/", true, ProgressListener.NONE).added();
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            assertThat(v.list("/")).extracting(FsEntry::name).filteredOn(n -> !n.equals(".polyboot")).containsExactly("y.iso");
        }
    }

    @Test
    void tooBigForTheStickFailsBeforeWriting() throws Exception {
        Path big = tmp.resolve("big.iso");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.allocate(1), SIZE);
        }
        assertThatThrownBy(() -> lib.add(stick, List.of(big), "/", true, ProgressListener.NONE).added()).isInstanceOf(RefusedException.class)
                .hasMessageContaining("the files need " + (SIZE + 1) + " bytes");
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            assertThat(v.list("/")).isEmpty();
        }
    }

    @Test
    void partialNamesStayWithinTheExfatLimit() {
        assertThat(ImageLibrary.partialName("a".repeat(255))).hasSize(255).startsWith(".polyboot-partial-");
        assertThat(ImageLibrary.partialName("b.iso")).isEqualTo(".polyboot-partial-b.iso");
    }

    /** fsck.exfat on the data partition through a read-only loop device. */
    static final class LoopDevicesOracle {
        static void fsckData(Path img, StickLayout l) {
            Tools.require("fsck.exfat");
            String loop = dev.polyboot.core.install.LoopDevices.attachReadOnly(img, l.data().startBytes(), l.data().sizeBytes());
            try {
                Tools.run("fsck.exfat", "-n", loop).assertOk();
            } finally {
                dev.polyboot.core.install.LoopDevices.detach(loop);
            }
        }
    }
}
