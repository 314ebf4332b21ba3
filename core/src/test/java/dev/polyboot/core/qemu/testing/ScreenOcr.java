package dev.polyboot.core.qemu.testing;

import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.QemuTimeoutException;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the guest screen with tesseract-ocr, for programs that draw only on a graphical screen
 * (memtest86+ under OVMF). Slow (about a second of CPU per screen) and approximate: match on a
 * few distinctive words, case-insensitively. Text-mode screens are better read exactly with
 * {@link QemuSession#screenText()}.
 */
public final class ScreenOcr {
    private static final Duration POLL = Duration.ofSeconds(2);

    private ScreenOcr() {}

    /** The current screen as OCR text. */
    public static String read(QemuSession vm) throws IOException {
        Tools.require("tesseract");
        Path ppm = Files.createTempFile("polyboot-screen-", ".ppm");
        try {
            vm.screendump(ppm);
            // psm 6: one uniform block of text, which a console screen is; --dpi avoids a warning per call
            return Tools.run(60, List.of("tesseract", ppm.toString(), "stdout", "--psm", "6", "--dpi", "96"))
                    .assertOk().stdout();
        } finally {
            Files.deleteIfExists(ppm);
        }
    }

    /** Polls the screen until its OCR text contains {@code pattern}; returns that text. */
    public static String waitFor(QemuSession vm, Pattern pattern, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = read(vm);
            if (pattern.matcher(text).find()) return text;
            if (!vm.isAlive()) break;
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new QemuTimeoutException("no /" + pattern + "/ in the OCR text of the screen within " + timeout + "; last text:\n" + text);
    }
}
