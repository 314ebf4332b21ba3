package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.images.ImageLibraryTestAccess;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stick as install and add write it — boot code, core.img, the PBOOT boot partition, images on the
 * exFAT data partition — booted in QEMU as a USB stick: the GRUB menu must list the added images in the
 * order {@code polyboot list} gives.
 */
class StickBootTest {
    static final Path MEMTEST = Path.of("/usr/lib/memtest86+/memtest86+x64.iso");
    static final Path IPXE = Path.of("/usr/lib/ipxe/ipxe.iso");
    @TempDir
    Path tmp;

    private void menuListsTheImages(PartitionStyle style, Firmware firmware) throws Exception {
        BootHarness.requireFile(MEMTEST, "memtest86+");
        BootHarness.requireFile(IPXE, "ipxe");
        Path img = tmp.resolve("stick.img");
        TestSticks.install(img, 1L << 30, style, 31, MenuOptions.defaults("0.1.0-test").withConsole(Console.SERIAL));
        ImageLibraryTestAccess.addToImage(img, MEMTEST, IPXE);
        try (QemuSession vm = BootHarness.boot(img, firmware)) {
            vm.waitForSerial("ipxe.iso", BootHarness.menuTimeout(firmware));
            BootHarness.reportTiming("polyboot stick menu (" + style + ")", firmware, vm);
            String text = vm.serialText();
            assertThat(text.indexOf("memtest86+x64.iso")).as(text).isNotNegative().isLessThan(text.indexOf("ipxe.iso"));
        }
    }

    @BootTest
    void mbrStickBootsToTheMenuUnderBios() throws Exception {
        menuListsTheImages(PartitionStyle.MBR, Firmware.BIOS);
    }

    @BootTest
    void mbrStickBootsToTheMenuUnderUefi() throws Exception {
        menuListsTheImages(PartitionStyle.MBR, Firmware.UEFI);
    }

    @BootTest
    void gptStickBootsToTheMenuUnderBios() throws Exception {
        menuListsTheImages(PartitionStyle.GPT, Firmware.BIOS);
    }

    @BootTest
    void gptStickBootsToTheMenuUnderUefi() throws Exception {
        menuListsTheImages(PartitionStyle.GPT, Firmware.UEFI);
    }
}
