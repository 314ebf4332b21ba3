package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code try} without a graphical session on a stick whose menu is on the screen only says how to see the menu, and
 * {@code update --console both} (the hint's cure) puts it on the serial console too, after which the hint is gone.
 */
class TryWithoutDisplayTest {

    /**
     * {@code try} hands QEMU this process's terminal (stdin/stdout): inside the test JVM that would be surefire's own
     * channel to the fork, which QEMU's serial output corrupts. A child JVM with files for stdio keeps them apart.
     */
    private static CliRun tryInChildProcess(Path tmp, Path stick) throws Exception {
        Path out = tmp.resolve("try.out");
        Path err = tmp.resolve("try.err");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "try", stick.toString(), "--timeout", "1"))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("try ends after its timeout").isTrue();
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void screenOnlyStickGetsTheHintAndUpdateConsoleCuresIt(@TempDir Path tmp) throws Exception {
        assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null, "needs no graphical session");
        Path stick = tmp.resolve("stick.img");
        assertThat(CliRun.of("install", stick.toString(), "--size", "256M", "--yes").exitCode()).isZero();

        CliRun screenOnly = tryInChildProcess(tmp, stick);
        assertThat(screenOnly.err()).as(screenOnly.toString())
                .contains("shows its boot menu on the screen only")
                .contains("polyboot update " + stick + " --console both");

        CliRun update = CliRun.of("update", stick.toString(), "--console", "both", "--yes");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.out()).contains("menu on both");
        String console = new ObjectMapper().readTree(CliRun.of("info", stick.toString(), "--json").out()).path("console").asText();
        assertThat(console).isEqualTo("both");

        CliRun both = tryInChildProcess(tmp, stick);
        assertThat(both.err()).as(both.toString()).doesNotContain("screen only");
    }
}
