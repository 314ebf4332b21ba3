package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** add run again with a file already on the stick: the same bytes are only catalogued, other bytes are refused. */
class AddRerunTest {
    @TempDir
    Path tmp;

    @Test
    void theSameFileAgainIsCataloguedNotCopiedAnotherIsRefused() throws Exception {
        Path img = tmp.resolve("s.img");
        TestSticks.install(img, 256L << 20, PartitionStyle.MBR, 41);
        Target stick = new Target.ImageFile(img);
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK);
        Path iso = tmp.resolve("ipxe.iso");
        Files.copy(Path.of("/usr/lib/ipxe/ipxe.iso"), iso);
        lib.add(stick, List.of(iso), "/", ProgressListener.NONE);
        // an add cut short after the rename: the file is there, the catalogue does not have it
        lib.remove(stick, "/ipxe.iso");
        lib.add(stick, List.of(iso), "/", ProgressListener.NONE);
        String catalogued = lib.catalog(stick).orElseThrow().entries().get(0).sha256();

        List<String> warnings = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override public void progress(String phase, long done, long total) {}
            @Override public void warning(String message) { warnings.add(message); }
        };
        long freeBefore = lib.list(stick).size();
        AddResult again = lib.add(stick, List.of(iso), "/", listener);
        assertThat(again.failed()).isEmpty();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("already on the stick with the same bytes"));
        assertThat(lib.catalog(stick).orElseThrow().entries()).extracting(CatalogEntry::sha256).containsExactly(catalogued);
        assertThat(lib.list(stick)).hasSize((int) freeBefore);

        byte[] other = Files.readAllBytes(iso);
        other[100_000] ^= 1;
        Files.write(iso, other);
        assertThatThrownBy(() -> lib.add(stick, List.of(iso), "/", ProgressListener.NONE))
                .isInstanceOf(RefusedException.class).hasMessageContaining("/ipxe.iso already exists on the stick");
    }
}
