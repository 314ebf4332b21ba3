package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.ScreenOcr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** A screen-only program: memtest86+ under OVMF draws on the GOP framebuffer, nothing on serial. */
class ScreenOcrBootTest {
    static final Path MEMTEST_ISO = Path.of("/usr/lib/memtest86+/memtest86+x64.iso");

    @BootTest
    void memtestUefiScreenIsReadByOcr() throws IOException {
        BootHarness.requireFile(MEMTEST_ISO, "memtest86+");
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(MEMTEST_ISO, Firmware.UEFI).withMemoryMiB(256))) {
            // the memtest86+ logo is drawn as graphics, the status line is text tesseract reads reliably; one frame's OCR
            // can misread a word ("Henory" for "Memory", seen once in a CI run), so the wait reads frames until one
            // holds both the status and the word the test asserts
            String text = ScreenOcr.waitFor(vm, Pattern.compile("(?is)(?=.*status:\\s*testing)(?=.*memory)"),
                    BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("memtest86+ 'Status: Testing' (OCR)", Firmware.UEFI, vm);
            assertThat(text).containsIgnoringCase("memory");
        }
    }
}
