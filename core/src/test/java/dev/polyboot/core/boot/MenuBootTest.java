package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.MenuDriver;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated menu on a real stick under QEMU (TCG), console on serial: it lists the data partition's
 * images in MenuScan's order, boots memtest86+, iPXE and a loose .efi in the modes that can, and answers
 * everything else with a message and the menu again. Timings are printed as BOOT-TIMING lines.
 */
class MenuBootTest {
    static final Pattern IPXE_BANNER = Pattern.compile("iPXE [0-9][^\\n]*Open Source Network Boot Firmware");
    /** memtest86+ 6.10 in VGA text mode (BIOS). */
    static final Pattern MEMTEST_TEXT = Pattern.compile("Memtest86\\+ v6");
    /** memtest86+ 6.10 on the UEFI framebuffer, as tesseract reads it. */
    static final Pattern MEMTEST_OCR = Pattern.compile("F1> Configuration|to start testing");
    static final Duration MESSAGE = Duration.ofSeconds(60);
    static final Duration PROGRAM = Duration.ofSeconds(240);

    @TempDir
    static Path dir;
    static TestStick stick;

    @BeforeAll
    static void buildStick() throws IOException {
        stick = TestStick.build(dir, MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL));
    }

    @BootTest
    void biosMenuOrderIsMenuScansAndUnbootableEntriesReturnToTheMenu() throws IOException {
        List<String> scanned;
        try (FileBlockDevice dev = FileBlockDevice.open(stick.dataPartition, true);
             ExfatVolume v = ExfatVolume.open(dev, Clock.systemUTC())) {
            scanned = MenuScan.items(v).stream().map(MenuItem::title).toList();
        }
        assertThat(scanned).isEqualTo(TestStick.MENU);
        try (QemuSession vm = boot(Firmware.BIOS)) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("menu", Firmware.BIOS, vm);
            assertInOrder(menu, scanned);
            assertThat(menu).doesNotContain("toodeep", ".hidden", "folder.iso", "readme");

            choose(vm, 1); // memtest.efi
            vm.waitForSerial("memtest.efi: a UEFI program, but this PC started in BIOS mode", MESSAGE);
            vm.waitForSerial("Power off", MESSAGE);
            BootHarness.reportTiming("menu back after the .efi message", Firmware.BIOS, vm);

            choose(vm, 3); // a/win 10;$x.wim
            vm.waitForSerial("a/win 10;$x.wim: .wim/.vhd/.vhdx images cannot be booted yet", MESSAGE);
            vm.waitForSerial("Power off", MESSAGE);

            choose(vm, 6); // a/b/c/big.iso: over the memdisk limit
            vm.waitForSerial("a/b/c/big.iso: over 512 MiB, too big for BIOS mode", MESSAGE);
            vm.waitForSerial("Power off", MESSAGE);

            choose(vm, 0); // memtest86+x64.iso through memdisk
            vm.waitForScreenText(MEMTEST_TEXT, PROGRAM);
            BootHarness.reportTiming("memtest86+x64.iso (memdisk) on screen", Firmware.BIOS, vm);
        }
    }

    @BootTest
    void biosBootsIpxeIsoThroughMemdisk() throws IOException {
        try (QemuSession vm = boot(Firmware.BIOS)) {
            vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            choose(vm, 4);
            vm.waitForScreenText(IPXE_BANNER, PROGRAM);
            BootHarness.reportTiming("tools/net/ipxe.iso (memdisk) banner on screen", Firmware.BIOS, vm);
        }
    }

    @BootTest
    void uefiSaysBiosOnlyIsoCannotBootThenBootsIpxeByNestedLoopback() throws IOException {
        try (QemuSession vm = boot(Firmware.UEFI)) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("menu", Firmware.UEFI, vm);
            assertInOrder(menu, TestStick.MENU);

            choose(vm, 2); // grub-rescue: BIOS only
            vm.waitForSerial("tools/grub-rescue-cdrom.iso: no UEFI boot loader inside (BIOS only)", MESSAGE);
            vm.waitForSerial("Power off", MESSAGE);
            BootHarness.reportTiming("menu back after the BIOS-only message", Firmware.UEFI, vm);

            choose(vm, 4); // iPXE: (loop)/efi.img -> /EFI/BOOT/BOOTX64.EFI
            vm.waitForSerial(IPXE_BANNER, PROGRAM);
            BootHarness.reportTiming("tools/net/ipxe.iso (nested loopback) banner on serial", Firmware.UEFI, vm);
        }
    }

    @BootTest
    void uefiBootsMemtestIsoByLoopback() throws IOException {
        uefiMemtest(0, "memtest86+x64.iso (loopback + chainloader) on screen");
    }

    @BootTest
    void uefiBootsLooseEfiProgram() throws IOException {
        uefiMemtest(1, "memtest.efi (chainloader) on screen");
    }

    private void uefiMemtest(int entry, String what) throws IOException {
        Tools.require("tesseract");
        try (QemuSession vm = boot(Firmware.UEFI)) {
            vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            choose(vm, entry);
            waitForOcr(vm, MEMTEST_OCR, PROGRAM);
            BootHarness.reportTiming(what, Firmware.UEFI, vm);
        }
    }

    private static QemuSession boot(Firmware firmware) throws IOException {
        return BootHarness.boot(QemuOptions.of(stick.image, firmware).withTimeout(Duration.ofMinutes(8)));
    }

    private static void choose(QemuSession vm, int index) throws IOException {
        MenuDriver.choose(vm, TestStick.MENU, index);
    }

    static void assertInOrder(String text, List<String> titles) {
        int at = -1;
        for (String t : titles) {
            int next = text.indexOf(t, at + 1);
            assertThat(next).as("menu entry %s after position %d in:%n%s", t, at, text).isGreaterThan(at);
            at = next;
        }
    }

    /** OVMF's framebuffer has no text buffer to read: screendump + tesseract, every few seconds. */
    private static void waitForOcr(QemuSession vm, Pattern pattern, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = "";
        Path shot = dir.resolve("screen-" + vm.pid() + ".ppm");
        while (System.nanoTime() < deadline) {
            pause(5000);
            vm.screendump(shot);
            pause(500);
            text = Tools.run(120, List.of("tesseract", shot.toString(), "-")).stdout();
            if (pattern.matcher(text).find()) return;
        }
        throw new AssertionError("no /" + pattern + "/ on screen within " + timeout + "; OCR text:\n" + text
                + "\nserial:\n" + vm.serialText());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
