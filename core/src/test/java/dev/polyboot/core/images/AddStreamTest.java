package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * add from a stream (polyboot web's upload): the same stick as add from a file (catalogue entry, hash, ISO mapping,
 * menu), refusals before the first byte where no content is needed, after the verified copy where it is (the copy
 * removed again), and nothing left behind by a stream that ends early.
 */
class AddStreamTest {
    static final Path IPXE = Path.of("/usr/lib/ipxe/ipxe.iso");

    @TempDir
    Path tmp;

    private Target stick(String name, long seed) throws Exception {
        Path img = tmp.resolve(name);
        TestSticks.install(img, 256L << 20, PartitionStyle.MBR, seed);
        return new Target.ImageFile(img);
    }

    private static ImageLibrary lib() {
        return new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK);
    }

    @Test
    void aStreamedImageEndsUpExactlyAsAnAddedFile() throws Exception {
        Target byFile = stick("file.img", 7);
        Target byStream = stick("stream.img", 7);
        lib().add(byFile, List.of(IPXE), "/tools", ProgressListener.NONE);
        List<String> phases = new ArrayList<>();
        AddedImage a;
        try (InputStream in = Files.newInputStream(IPXE)) {
            a = lib().addStream(byStream, "ipxe.iso", Files.size(IPXE), in, "/tools", false,
                    (phase, done, total) -> { if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) phases.add(phase); });
        }
        assertThat(a.path()).isEqualTo("/tools/ipxe.iso");
        assertThat(a.sha256()).isEqualTo(TestSticks.sha256(IPXE));
        assertThat(phases).containsSubsequence("copying ipxe.iso", "verifying ipxe.iso");
        List<CatalogEntry> expected = lib().catalog(byFile).orElseThrow().entries();
        assertThat(lib().catalog(byStream).orElseThrow().entries()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(lib().list(byStream)).extracting(MenuItem::title, MenuItem::family, MenuItem::route)
                .isEqualTo(lib().list(byFile).stream().map(m -> org.assertj.core.groups.Tuple.tuple(m.title(), m.family(), m.route()))
                        .toList());
        assertThat(files(byStream)).contains("/tools/ipxe.iso").noneMatch(f -> f.contains("partial"));
    }

    @Test
    void whatNeedsNoContentIsRefusedBeforeTheFirstByte() throws Exception {
        Target s = stick("s.img", 3);
        lib().add(s, List.of(IPXE), "/", ProgressListener.NONE);
        List<String> before = files(s);
        InputStream untouched = new InputStream() {
            @Override public int read() { throw new AssertionError("read before the checks refused"); }
        };
        assertThatThrownBy(() -> lib().addStream(s, "ipxe.iso", 10, untouched, "/", false, ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining("/ipxe.iso already exists on the stick");
        assertThatThrownBy(() -> lib().addStream(s, "notes.txt", 10, untouched, "/", false, ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not a boot menu file type");
        assertThatThrownBy(() -> lib().addStream(s, "a/b.iso", 10, untouched, "/", true, ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not allowed on exFAT");
        assertThatThrownBy(() -> lib().addStream(s, "big.iso", 1L << 30, untouched, "/", false, ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining("the file needs 1073741824 bytes");
        assertThat(files(s)).isEqualTo(before);
    }

    @Test
    void contentThatIsNoImageIsRemovedAgainUnlessForced() throws Exception {
        Target s = stick("s.img", 5);
        byte[] text = "this is no ISO\n".repeat(1000).getBytes();
        assertThatThrownBy(() -> lib().addStream(s, "fake.iso", text.length, new ByteArrayInputStream(text), "/", false,
                ProgressListener.NONE)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("fake.iso: not a bootable image").hasMessageContaining("the copy was removed");
        assertThat(files(s)).noneMatch(f -> f.contains("fake"));
        AddedImage forced = lib().addStream(s, "fake.iso", text.length, new ByteArrayInputStream(text), "/", true, ProgressListener.NONE);
        assertThat(forced.path()).isEqualTo("/fake.iso");
        assertThat(files(s)).contains("/fake.iso");
    }

    @Test
    void aStreamThatEndsEarlyLeavesNothingBehind() throws Exception {
        Target s = stick("s.img", 9);
        byte[] half = java.util.Arrays.copyOf(Files.readAllBytes(IPXE), (int) (Files.size(IPXE) / 2));
        List<String> before = files(s);
        assertThatThrownBy(() -> lib().addStream(s, "ipxe.iso", Files.size(IPXE), new ByteArrayInputStream(half), "/", false,
                ProgressListener.NONE)).isInstanceOf(EOFException.class);
        assertThat(files(s)).isEqualTo(before);
        assertThat(lib().list(s)).isEmpty();
    }

    /** Every file of the data partition, read with our exFAT reader. */
    private static List<String> files(Target s) throws Exception {
        List<String> out = new ArrayList<>();
        try (FileBlockDevice dev = FileBlockDevice.open(s.path(), true);
             ExfatVolume v = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            walk(v, "/", out);
        }
        return out;
    }

    private static void walk(ExfatVolume v, String dir, List<String> out) throws Exception {
        for (FsEntry e : v.list(dir)) {
            String p = (dir.equals("/") ? "" : dir) + "/" + e.name();
            out.add(p);
            if (e.directory()) walk(v, p, out);
        }
    }
}
