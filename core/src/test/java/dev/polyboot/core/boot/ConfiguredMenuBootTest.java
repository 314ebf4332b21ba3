package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /polyboot.json} in real GRUB (TCG): an alias is the entry's title, a hidden image has no entry, and with a
 * timeout the default image boots without a key (iPXE's banner). The menu shows exactly what {@code list} says. Under
 * UEFI, a copy of the stick with {@code "show": "listed"} and only the folder {@code /tools/net} listed shows iPXE (by
 * its alias) and nothing else: no other catalogued image, and not a file copied on without polyboot (no scan).
 */
class ConfiguredMenuBootTest {
    static final String IPXE = "/tools/net/ipxe.iso";
    static final String ALIAS = "Network boot (iPXE)";
    @TempDir
    static Path dir;
    static TestStick stick;
    static List<String> titles;
    static String hiddenTitle;
    static Path listedStick;
    static List<String> listedTitles;
    static List<String> allTitles;

    @BeforeAll
    static void buildStick() throws Exception {
        stick = TestStick.build(dir, MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL));
        Target t = new Target.ImageFile(stick.image);
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), Clock.systemUTC(), "0.1.0");
        lib.refresh(t, ProgressListener.NONE);
        MenuItem hidden = lib.list(t).stream().filter(i -> !i.path().equals(IPXE)).findFirst().orElseThrow();
        hiddenTitle = hidden.title();
        lib.setConfig(t, "alias." + IPXE, ALIAS, ProgressListener.NONE);
        lib.setConfig(t, "hidden." + hidden.path(), "true", ProgressListener.NONE);
        lib.setConfig(t, "default", IPXE, ProgressListener.NONE);
        lib.setConfig(t, "timeout", "2", ProgressListener.NONE);
        titles = lib.list(t).stream().map(MenuItem::title).toList();

        listedStick = dir.resolve("listed.img");
        dev.polyboot.formats.testing.Tools.run("cp", "--sparse=always", stick.image.toString(), listedStick.toString()).assertOk();
        Target l = new Target.ImageFile(listedStick);
        allTitles = lib.list(l).stream().map(MenuItem::title).toList();
        try (FileBlockDevice d = FileBlockDevice.open(listedStick, false);
             ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(d, TestStick.DATA_START_LBA * 512, TestStick.DATA_SECTORS * 512),
                     Clock.systemUTC())) {
            v.writeFile("/uncatalogued.iso", new java.io.ByteArrayInputStream(new byte[2048]), 2048);
            v.flush();
        }
        lib.setConfig(l, "listed./tools/net", "true", ProgressListener.NONE);
        lib.setConfig(l, "show", "listed", ProgressListener.NONE);
        listedTitles = lib.list(l).stream().map(MenuItem::title).toList();
    }

    @BootTest
    void biosShowsTheAliasHidesTheHiddenAndBootsTheDefaultAfterTheTimeout() throws IOException {
        assertThat(titles).contains(ALIAS + CatalogMenu.SIZE_SEPARATOR + dev.polyboot.core.api.Bytes.human(java.nio.file.Files.size(TestStick.IPXE_ISO)))
                .doesNotContain(hiddenTitle);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.BIOS).withTimeout(Duration.ofMinutes(8)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("configured menu", Firmware.BIOS, vm);
            MenuBootTest.assertInOrder(menu, titles);
            assertThat(menu).contains(ALIAS).doesNotContain(hiddenTitle);
            // no key pressed: the timeout starts the default entry
            vm.waitForScreenText(MenuBootTest.IPXE_BANNER, MenuBootTest.PROGRAM);
            BootHarness.reportTiming("default ipxe.iso after the timeout", Firmware.BIOS, vm);
        }
    }

    @BootTest
    void uefiShowsTheAliasAndWithShowListedOnlyTheListedFolder() throws IOException {
        assertThat(listedTitles).hasSize(1).allSatisfy(title -> assertThat(title).startsWith(ALIAS));
        List<String> unlisted = allTitles.stream().filter(title -> !title.startsWith(ALIAS)).toList();
        assertThat(unlisted).hasSizeGreaterThan(3);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(listedStick, Firmware.UEFI).withTimeout(Duration.ofMinutes(8)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("listed-only menu", Firmware.UEFI, vm);
            MenuBootTest.assertInOrder(menu, listedTitles);
            assertThat(menu).contains(ALIAS).doesNotContain("uncatalogued.iso");
            for (String title : unlisted) assertThat(menu).as("not listed: " + title).doesNotContain(title);
        }
    }
}
