package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code try} without a graphical session on a stick whose menu is on the screen only says how to see the menu, and
 * {@code update --console both} (the hint's cure) puts it on the serial console too, after which the hint is gone.
 */
class TryWithoutDisplayTest {

    @Test
    void screenOnlyStickGetsTheHintAndUpdateConsoleCuresIt(@TempDir Path tmp) throws Exception {
        assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null, "needs no graphical session");
        Path stick = tmp.resolve("stick.img");
        assertThat(CliRun.of("install", stick.toString(), "--size", "256M", "--yes").exitCode()).isZero();

        CliRun screenOnly = CliRun.of("try", stick.toString(), "--timeout", "1");
        assertThat(screenOnly.err()).as(screenOnly.toString())
                .contains("shows its boot menu on the screen only")
                .contains("polyboot update " + stick + " --console both");

        CliRun update = CliRun.of("update", stick.toString(), "--console", "both", "--yes");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.out()).contains("menu on both");
        String console = new ObjectMapper().readTree(CliRun.of("info", stick.toString(), "--json").out()).path("console").asText();
        assertThat(console).isEqualTo("both");

        CliRun both = CliRun.of("try", stick.toString(), "--timeout", "1");
        assertThat(both.err()).as(both.toString()).doesNotContain("screen only");
    }
}
