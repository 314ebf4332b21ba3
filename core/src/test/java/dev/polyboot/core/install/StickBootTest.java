package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.images.ImageLibraryTestAccess;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.MenuDriver;
import dev.polyboot.core.qemu.testing.ScreenOcr;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stick as install and add write it — boot code, core.img, the PBOOT boot partition, images on the
 * exFAT data partition — booted in QEMU as a USB stick, MBR and GPT, BIOS and UEFI: the GRUB menu lists the
 * added images in the order {@code polyboot list} gives, and both Debian-shipped ISOs boot when chosen. One
 * QEMU run per stick and firmware: iPXE first, then a reset back to the menu and memtest86+.
 */
class StickBootTest {
    static final Path MEMTEST = Path.of("/usr/lib/memtest86+/memtest86+x64.iso");
    static final Path IPXE = Path.of("/usr/lib/ipxe/ipxe.iso");
    static final Pattern IPXE_BANNER = Pattern.compile("iPXE [0-9][^\\n]*Open Source Network Boot Firmware");
    /** memtest86+ 6.10 in VGA text mode (BIOS). */
    static final Pattern MEMTEST_TEXT = Pattern.compile("Memtest86\\+ v6");
    /**
     * memtest86+ 6.10 on the UEFI framebuffer, as tesseract reads it: phrases of its own screen only, never
     * its name, which GRUB's menu shows too.
     */
    static final Pattern MEMTEST_OCR = Pattern.compile("F1> ?Configuration|to start testing");
    static final Duration PROGRAM = Duration.ofSeconds(240);

    @TempDir
    Path tmp;

    private void imagesBootFromTheMenu(PartitionStyle style, Firmware firmware) throws Exception {
        BootHarness.requireFile(MEMTEST, "memtest86+");
        BootHarness.requireFile(IPXE, "ipxe");
        Path img = tmp.resolve("stick.img");
        TestSticks.install(img, 1L << 30, style, 31, MenuOptions.defaults("0.1.0-test").withConsole(Console.SERIAL));
        ImageLibraryTestAccess.addToImage(img, MEMTEST, IPXE);
        List<String> titles = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK)
                .list(new Target.ImageFile(img)).stream().map(MenuItem::title).toList();
        // add catalogues both: catalogue titles, sorted by path
        assertThat(titles).hasSize(2);
        assertThat(titles.get(0)).contains(" - ipxe.iso | ");
        assertThat(titles.get(1)).contains(" - memtest86+x64.iso | ");

        try (QemuSession vm = BootHarness.boot(QemuOptions.of(img, firmware).withTimeout(Duration.ofMinutes(12)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(firmware));
            BootHarness.reportTiming("polyboot stick menu (" + style + ")", firmware, vm);
            assertThat(menu.indexOf(titles.get(0))).as(menu).isNotNegative().isLessThan(menu.indexOf(titles.get(1)));

            MenuDriver.choose(vm, titles, 0);
            if (firmware == Firmware.BIOS) {
                vm.waitForScreenText(IPXE_BANNER, PROGRAM); // memdisk: iPXE talks to the VGA console only
            } else {
                vm.waitForSerial(IPXE_BANNER, PROGRAM);
            }
            BootHarness.reportTiming("ipxe.iso banner (" + style + ")", firmware, vm);

            vm.monitor("system_reset");
            vm.waitForSerial("Power off", BootHarness.menuTimeout(firmware));
            MenuDriver.choose(vm, titles, 1);
            if (firmware == Firmware.BIOS) {
                vm.waitForScreenText(MEMTEST_TEXT, PROGRAM);
            } else {
                ScreenOcr.waitFor(vm, MEMTEST_OCR, PROGRAM);
            }
            BootHarness.reportTiming("memtest86+x64.iso on screen (" + style + ")", firmware, vm);
        }
    }

    @BootTest
    void mbrStickBootsMemtestAndIpxeUnderBios() throws Exception {
        imagesBootFromTheMenu(PartitionStyle.MBR, Firmware.BIOS);
    }

    @BootTest
    void mbrStickBootsMemtestAndIpxeUnderUefi() throws Exception {
        imagesBootFromTheMenu(PartitionStyle.MBR, Firmware.UEFI);
    }

    @BootTest
    void gptStickBootsMemtestAndIpxeUnderBios() throws Exception {
        imagesBootFromTheMenu(PartitionStyle.GPT, Firmware.BIOS);
    }

    @BootTest
    void gptStickBootsMemtestAndIpxeUnderUefi() throws Exception {
        imagesBootFromTheMenu(PartitionStyle.GPT, Firmware.UEFI);
    }
}
