package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.MenuDriver;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue in real GRUB (TCG): the test stick after {@code refresh}, then changed behind the catalogue's
 * back (one file deleted, one replaced by a file of another size, one new), shows exactly the entries and order
 * {@code polyboot list} computes: catalogue sorted by path, the gone and the changed file still in it (nothing is
 * read per file at menu time), the new one from the runtime scan, nothing twice. Choosing the changed file gives
 * the one-line message and the menu back; a catalogued tool boots from it.
 */
class CatalogMenuBootTest {
    @TempDir
    static Path dir;
    static TestStick stick;
    static List<String> titles;
    /** The menu's last image (the scan's): the menu is taller than GRUB's 24-line serial screen, Power off is below it. */
    static final String LAST_IMAGE = "new.iso";

    @BeforeAll
    static void buildStick() throws Exception {
        stick = TestStick.build(dir, MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL));
        Target t = new Target.ImageFile(stick.image);
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), Clock.systemUTC(), "0.1.0");
        lib.refresh(t, ProgressListener.NONE);
        try (FileBlockDevice dev = FileBlockDevice.open(stick.image, false);
             ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(dev, TestStick.DATA_START_LBA * 512, TestStick.DATA_SECTORS * 512),
                     Clock.systemUTC())) {
            v.delete("/memtest.efi");
            v.delete("/a/b/c/deep.ISO");
            v.writeFile("/a/b/c/deep.ISO", new ByteArrayInputStream(new byte[5000]), 5000);
            v.writeFile("/new.iso", new ByteArrayInputStream(new byte[2048]), 2048);
            v.flush();
        }
        titles = lib.list(t).stream().map(MenuItem::title).toList();
    }

    @BootTest
    void biosMenuIsListsOrderAndACataloguedToolBoots() throws IOException {
        // the gone and the changed file keep their catalogue entries; the scan (markers) lists neither
        assertThat(titles).doesNotContain("memtest.efi", "a/b/c/deep.ISO").contains("new.iso");
        assertThat(titles.indexOf("new.iso")).isEqualTo(titles.size() - 1);
        int deep = indexOf(" - a/b/c/deep.ISO | ");
        assertThat(indexOf(" - memtest.efi | ")).isNotNegative();
        assertThat(titles.stream().filter(s -> s.contains(" - tools/net/ipxe.iso | "))).hasSize(1);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.BIOS).withTimeout(Duration.ofMinutes(8)))) {
            String menu = vm.waitForSerial(LAST_IMAGE, BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("catalogue menu", Firmware.BIOS, vm);
            MenuBootTest.assertInOrder(menu, titles);
            assertThat(menu.split("ipxe.iso", -1)).as("ipxe listed once (catalogue), not again by the scan").hasSize(2);
            MenuDriver.choose(vm, titles, deep);
            // the serial console wraps long lines, also inside words: compared without white space
            String said = vm.waitForSerial("Back to the menu", MenuBootTest.MESSAGE).replaceAll("\\s+", "");
            assertThat(said).contains((titles.get(deep) + ": " + CatalogRecipes.CHANGED).replaceAll("\\s+", ""));
            vm.waitForSerial(LAST_IMAGE, MenuBootTest.MESSAGE);
            BootHarness.reportTiming("changed file's message and menu back", Firmware.BIOS, vm);
            MenuDriver.choose(vm, titles, indexOf(" - tools/net/ipxe.iso | "));
            vm.waitForScreenText(MenuBootTest.IPXE_BANNER, MenuBootTest.PROGRAM);
            BootHarness.reportTiming("catalogued ipxe.iso banner", Firmware.BIOS, vm);
        }
    }

    private static int indexOf(String part) {
        for (int i = 0; i < titles.size(); i++) if (titles.get(i).contains(part)) return i;
        return -1;
    }

    @BootTest
    void uefiMenuIsListsOrder() throws IOException {
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.UEFI).withTimeout(Duration.ofMinutes(8)))) {
            String menu = vm.waitForSerial(LAST_IMAGE, BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("catalogue menu", Firmware.UEFI, vm);
            MenuBootTest.assertInOrder(menu, titles);
        }
    }
}
