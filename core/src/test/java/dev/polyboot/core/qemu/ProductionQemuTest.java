package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * polyboot.jar carries only what {@code polyboot try} needs from the QEMU code; the test harness (piped sessions,
 * serial capture and keys, QMP, console text) lives in the core test-jar.
 */
class ProductionQemuTest {
    @Test
    void mainSourcesHoldOnlyWhatTryNeeds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/polyboot/core/qemu"))) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".java", "")).sorted())
                    .containsExactly("Accelerator", "Display", "Firmware", "QemuCommand", "QemuException", "QemuHost",
                            "QemuLaunch", "QemuOptions", "QemuRunner", "QemuTimeoutException", "WorkDirectory");
        }
    }
}
