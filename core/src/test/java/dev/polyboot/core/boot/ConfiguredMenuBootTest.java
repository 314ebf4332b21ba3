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
import dev.polyboot.core.qemu.testing.MenuDriver;
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
 * UEFI, a copy of the stick with {@code "show": "listed"} and only the folder {@code /tools/net} and one added ISO listed
 * shows those two and nothing else: no other catalogued image, and not a file copied on without polyboot (no scan). That
 * ISO (made by grub-mkrescue, with a Debian live layout that polyboot boots by that family's route) has
 * {@code "mode": "loopback"}: choosing it
 * runs its own /boot/grub/loopback.cfg in polyboot's GRUB, with {@code iso_path} set.
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
    static final String OWN = "/own/own-menu.iso";
    static final String OWN_MARKER = "POLYBOOT-OWN-MENU iso_path=" + OWN;
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
        // a kernel, an initrd and .disk/info: polyboot's own choice is the Debian live family's route, not loopback.cfg
        Path live = java.nio.file.Files.createDirectories(dir.resolve("own/live"));
        java.nio.file.Files.write(live.resolve("vmlinuz"), new byte[4096]);
        java.nio.file.Files.write(live.resolve("initrd.img"), new byte[4096]);
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(dir.resolve("own/.disk")).resolve("info"), "Debian GNU/Linux 12 Live\n");
        Path tree = java.nio.file.Files.createDirectories(dir.resolve("own/boot/grub"));
        java.nio.file.Files.writeString(tree.resolve("loopback.cfg"), "echo \"POLYBOOT-OWN-MENU iso_path=${iso_path}\"\n"
                + "menuentry 'the test ISO own menu' { true }\n");
        Path own = dir.resolve("own-menu.iso");
        dev.polyboot.formats.testing.Tools.run("grub-mkrescue", "-o", own.toString(), dir.resolve("own").toString()).assertOk();
        lib.add(l, List.of(own), "/own", ProgressListener.NONE);
        assertThat(lib.catalog(l).orElseThrow().entries().stream().filter(e -> e.path().equals(OWN)).findFirst().orElseThrow()
                .menuEntry().recipe()).as("polyboot's own choice for it").isNotInstanceOf(BootRecipe.LoopbackConfig.class);
        // the copy's menu waits (no timeout) on its first image, for MenuDriver
        lib.setConfig(l, "timeout", "", ProgressListener.NONE);
        lib.setConfig(l, "default", "", ProgressListener.NONE);
        lib.setConfig(l, "mode." + OWN, "loopback", ProgressListener.NONE);
        lib.setConfig(l, "listed." + OWN, "true", ProgressListener.NONE);
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
    void uefiShowsTheAliasAndWithShowListedOnlyTheListedOnesAndAnIsosOwnMenuByItsMode() throws IOException {
        assertThat(listedTitles).hasSize(2).anySatisfy(title -> assertThat(title).startsWith(ALIAS))
                .anySatisfy(title -> assertThat(title).contains(OWN.substring(1)));
        List<String> unlisted = allTitles.stream().filter(title -> !title.startsWith(ALIAS)).toList();
        assertThat(unlisted).hasSizeGreaterThan(3);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(listedStick, Firmware.UEFI).withTimeout(Duration.ofMinutes(8)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("listed-only menu", Firmware.UEFI, vm);
            MenuBootTest.assertInOrder(menu, listedTitles);
            assertThat(menu).contains(ALIAS).doesNotContain("uncatalogued.iso");
            for (String title : unlisted) assertThat(menu).as("not listed: " + title).doesNotContain(title);
            int own = 0;
            while (!listedTitles.get(own).contains(OWN.substring(1))) own++;
            MenuDriver.choose(vm, listedTitles, own);
            vm.waitForSerial(OWN_MARKER, Duration.ofSeconds(60));
            BootHarness.reportTiming("an ISO's own loopback.cfg by its mode", Firmware.UEFI, vm);
        }
    }
}
