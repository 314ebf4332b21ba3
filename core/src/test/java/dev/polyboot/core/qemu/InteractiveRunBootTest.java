package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.StockGrubSticks;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The path of {@code polyboot try}, with the terminal replaced by files. */
class InteractiveRunBootTest {
    @TempDir Path dir;

    @BootTest
    void terminalModeShowsSerialAndStopsAtTimeout() throws IOException {
        Path stick = StockGrubSticks.bios(dir, StockGrubBootTest.MARKER_CFG);
        Path terminal = dir.resolve("terminal.out");
        Path log = dir.resolve("serial.log");
        List<String> notes = new ArrayList<>();
        QemuOptions options = QemuOptions.of(stick, Firmware.BIOS).withDisplay(Display.GUI)
                .withTimeout(Duration.ofSeconds(20)).withSerialLog(log);
        QemuRunner runner = BootHarness.runner();
        QemuRunner headless = new QemuRunner(new QemuHost(runner.host().qemuBinary(), runner.host().ovmfDirectory(),
                runner.host().accelerator(), false));
        assertThatThrownBy(() -> headless.runInteractive(options, notes::add,
                pb -> pb.redirectInput(Redirect.from(Path.of("/dev/null").toFile())).redirectOutput(terminal.toFile())
                        .redirectError(Redirect.appendTo(terminal.toFile()))))
                .isInstanceOf(QemuTimeoutException.class);
        assertThat(notes).singleElement().asString().contains("no graphical session");
        assertThat(Files.readString(terminal)).contains("POLYBOOT-QEMU-OK");
        assertThat(Files.readString(log)).contains("POLYBOOT-QEMU-OK");
    }
}
