package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.StockGrubSticks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** Session mechanics on a real QEMU: monitor keys and screen, timeouts, and clean-up. */
class QemuSessionBootTest {
    static final String PROMPT_CFG = StockGrubBootTest.MARKER_CFG;
    // keyboard in, serial out: only the emulated keyboard (monitor send-key) can pick the entry
    static final String KEYBOARD_MENU_CFG = "serial --unit=0 --speed=115200\nterminal_input console\nterminal_output serial\n"
            + StockGrubBootTest.MENU_CFG.substring(StockGrubBootTest.SERIAL.length());

    @TempDir Path dir;

    @BootTest
    void closeKillsQemuAndRemovesTempFilesEvenWhenTheTestFails() throws IOException {
        Path stick = StockGrubSticks.uefi(dir, PROMPT_CFG);
        QemuSession[] seen = new QemuSession[1];
        assertThatThrownBy(() -> {
            try (QemuSession vm = BootHarness.boot(stick, Firmware.UEFI)) {
                seen[0] = vm;
                assertThat(Files.exists(vm.launch().workDirectory().resolve("OVMF_VARS.fd"))).isTrue();
                throw new IllegalStateException("a failing test");
            }
        }).hasMessage("a failing test");
        QemuSession vm = seen[0];
        assertThat(ProcessHandle.of(vm.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(vm.launch().workDirectory()).doesNotExist();
        vm.close(); // idempotent
    }

    @BootTest
    void timeoutOptionStopsQemu() throws Exception {
        Path stick = StockGrubSticks.bios(dir, PROMPT_CFG);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.BIOS).withTimeout(Duration.ofSeconds(5)))) {
            vm.waitForSerial("POLYBOOT-QEMU-OK", BootHarness.menuTimeout(Firmware.BIOS));
            assertThat(vm.waitForExit(Duration.ofSeconds(120))).isPresent();
            // the watchdog deletes the work directory right after QEMU is gone
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Files.exists(vm.launch().workDirectory()) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(vm.launch().workDirectory()).doesNotExist();
            assertThatThrownBy(() -> vm.waitForSerial("never printed", Duration.ofSeconds(30)))
                    .isInstanceOf(QemuException.class).hasMessageContaining("ended");
        }
    }

    @BootTest
    void qemuRefusingToStartIsReportedWithItsMessage() throws IOException {
        Path notAnImage = java.nio.file.Files.createDirectories(dir.resolve("not-an-image"));
        try (QemuSession vm = BootHarness.boot(notAnImage, Firmware.BIOS)) {
            assertThatThrownBy(() -> vm.waitForSerial("anything", Duration.ofSeconds(60)))
                    .isInstanceOf(QemuException.class).isNotInstanceOf(QemuTimeoutException.class)
                    .hasMessageContaining("exit code 1").hasMessageContaining("not-an-image");
        }
    }

    @BootTest
    void waitTimesOutWithTheLastOutputInTheMessage() throws IOException {
        Path stick = StockGrubSticks.bios(dir, PROMPT_CFG);
        try (QemuSession vm = BootHarness.boot(stick, Firmware.BIOS)) {
            vm.waitForSerial("POLYBOOT-QEMU-OK", BootHarness.menuTimeout(Firmware.BIOS));
            assertThatThrownBy(() -> vm.waitForSerial("NOT-THERE", Duration.ofSeconds(3)))
                    .isInstanceOf(QemuTimeoutException.class).hasMessageContaining("NOT-THERE").hasMessageContaining("grub>");
        }
    }

    @BootTest
    void monitorKeysScreenAndSerialLog() throws IOException {
        Path stick = StockGrubSticks.bios(dir, KEYBOARD_MENU_CFG);
        Path log = dir.resolve("serial.log");
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.BIOS).withSerialLog(log))) {
            vm.waitForSerial("Second entry", BootHarness.menuTimeout(Firmware.BIOS));
            Path ppm = dir.resolve("screen.ppm");
            vm.screendump(ppm);
            assertThat(new String(Files.readAllBytes(ppm), 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("P6");
            vm.sendKey("down");
            vm.sendKey("ret");
            assertThat(vm.waitForSerial(StockGrubBootTest.CHOSEN, BootHarness.menuTimeout(Firmware.BIOS))).endsWith("SECOND");
            assertThat(vm.monitor("info status")).contains("running");
        }
        assertThat(Files.readString(log)).contains("POLYBOOT-CHOSE-SECOND");
    }
}
