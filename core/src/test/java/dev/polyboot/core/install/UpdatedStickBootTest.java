package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.formats.io.FileBlockDevice;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/**
 * update moves core.img to the other slot (LBA 1024) and rewrites the boot files in place: the stick must still reach
 * the menu under BIOS (boot.img → core.img at 1024 → its blocklist) and UEFI, with the new menu's version shown.
 */
class UpdatedStickBootTest {
    @TempDir Path tmp;

    @BootTest
    void updatedMbrStickBootsUnderBiosFromTheAlternateSlot() throws Exception {
        boots(PartitionStyle.MBR, Firmware.BIOS);
    }

    @BootTest
    void updatedGptStickBootsUnderBiosFromTheAlternateSlot() throws Exception {
        boots(PartitionStyle.GPT, Firmware.BIOS); // slot 1024 inside the BIOS-boot partition (34–2047)
    }

    @BootTest
    void updatedMbrStickBootsUnderUefi() throws Exception {
        boots(PartitionStyle.MBR, Firmware.UEFI);
    }

    private void boots(PartitionStyle style, Firmware firmware) throws Exception {
        Path img = tmp.resolve("stick.img");
        TestSticks.install(img, 256L << 20, style, 41, MenuOptions.defaults("0.1.0-test").withConsole(Console.SERIAL));
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            new StickUpdater(TestSticks.CLOCK).update(dev, TestSticks.payload(), null, "0.2.0-test", ProgressListener.NONE);
            assertThat(CoreImageSlots.pointer(dev)).isEqualTo(CoreImageSlots.ALTERNATE_LBA);
        }
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(img, firmware).withTimeout(Duration.ofMinutes(8)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(firmware));
            assertThat(menu).contains("0.2.0-test");
        }
    }
}
