package dev.polyboot.core.qemu.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuHost;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuRunner;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * Boots images in QEMU for tests. Use with try-with-resources so QEMU is killed and its temp
 * files removed even when an assertion fails:
 *
 * <pre>{@code
 * try (QemuSession vm = BootHarness.boot(image, Firmware.UEFI)) {
 *     vm.waitForSerial("POLYBOOT-OK", BootHarness.menuTimeout(Firmware.UEFI));
 * }
 * }</pre>
 *
 * Missing QEMU or OVMF skips the test locally and fails it under CI=true, like {@link Tools#require}.
 */
public final class BootHarness {
    public static final String TAG = "boot";
    /** Whole-run limit: QEMU is killed after this even if a test forgets to close its session. */
    public static final Duration RUN_LIMIT = Duration.ofMinutes(15);

    private BootHarness() {}

    /** Boots {@code image} as a USB stick (snapshot: the image is never modified), no display. */
    public static QemuSession boot(Path image, Firmware firmware) throws IOException {
        return boot(QemuOptions.of(image, firmware));
    }

    public static QemuSession boot(QemuOptions options) throws IOException {
        QemuRunner runner = runner();
        if (options.firmware() == Firmware.UEFI) {
            requireFile(runner.host().ovmfDirectory().resolve("OVMF_CODE_4M.fd"), "ovmf");
        }
        QemuOptions limited = options.timeout().isPresent() ? options : options.withTimeout(RUN_LIMIT);
        return QemuSession.start(runner, limited);
    }

    /** A runner for this machine, or a skip (local) / failure (CI) when QEMU is missing. */
    public static QemuRunner runner() throws IOException {
        Tools.require("qemu-system-x86_64");
        return QemuRunner.detect();
    }

    /**
     * How long to wait for a boot menu or marker: DESIGN §6 measured 1–2 s (BIOS) and 8–10 s
     * (UEFI) under TCG on an idle machine; two cores shared by parallel builds need far more.
     */
    public static Duration menuTimeout(Firmware firmware) {
        return firmware == Firmware.BIOS ? Duration.ofSeconds(90) : Duration.ofSeconds(180);
    }

    /** Time since QEMU was started. */
    public static Duration elapsed(QemuSession vm) {
        return Duration.between(vm.startedAt(), Instant.now());
    }

    /** Prints a timing line (figures, not assertions: speed is measured, never asserted). */
    public static void reportTiming(String what, Firmware firmware, QemuSession vm) {
        System.out.printf(Locale.ROOT, "BOOT-TIMING %s %s accel=%s: %.2f s from QEMU start%n",
                what, firmware, acceleratorOf(vm), elapsed(vm).toMillis() / 1000.0);
    }

    private static String acceleratorOf(QemuSession vm) {
        return vm.launch().command().contains("kvm") ? "KVM" : "TCG";
    }

    /** Skips locally / fails under CI when {@code file} is missing; names its Debian package. */
    public static void requireFile(Path file, String debianPackage) {
        if (!Files.isReadable(file)) {
            String msg = "required file missing: " + file + " (Debian package " + debianPackage + ")";
            if (Tools.inCi()) fail(msg);
            Assumptions.assumeTrue(false, msg);
        }
    }

    /** The host's firmware directory, for tests that look at OVMF files themselves. */
    public static Path ovmfDirectory() {
        return QemuHost.DEBIAN_OVMF_DIRECTORY;
    }
}
