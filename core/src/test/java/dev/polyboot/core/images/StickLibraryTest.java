package dev.polyboot.core.images;

import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * How most image-library tests start: a fresh stick image with polyboot installed (MBR, in a temp directory) and the
 * library over it; {@link #listener} collects the warnings a command gives. A subclass's own {@code @BeforeEach} runs
 * after this one.
 */
abstract class StickLibraryTest {
    @TempDir
    Path tmp;
    Path img;
    StickLayout layout;
    ImageLibrary lib;
    Target stick;
    final List<String> warnings = new ArrayList<>();
    final ProgressListener listener = new ProgressListener() {
        @Override public void progress(String phase, long done, long total) {}
        @Override public void warning(String message) { warnings.add(message); }
    };

    /** Seed of the stick's serials and identifiers (each test class its own). */
    abstract long seed();

    long stickBytes() {
        return 128L << 20;
    }

    /** The polyboot version the library records in catalogues. */
    String version() {
        return "0.1.0-test";
    }

    @BeforeEach
    void installStick() throws Exception {
        img = tmp.resolve("s.img");
        layout = TestSticks.install(img, stickBytes(), PartitionStyle.MBR, seed());
        lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK, version());
        stick = new Target.ImageFile(img);
    }
}
