package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.config.GrubPassword;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.SerialKeys;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.MenuDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-menu search and the passwords under UEFI (OVMF, TCG, serial), in one VM: what {@code SearchMenuBootTest} and
 * {@code StickConfigMenuBootTest} prove under BIOS runs through the same script on the other firmware — a word nobody's
 * title or path contains gives the one message entry and, below it, the way back to the main menu that asks no
 * password (Esc would: GRUB asks for a superuser whenever a menu is left once passwords are on); the folder password refuses a wrong password
 * (back to the menu, no iPXE) and with the right one iPXE's EFI program starts (its banner on serial). The main menu
 * ends with {@code UEFI firmware settings} (BIOS has none: {@code SearchMenuBootTest}).
 */
class UefiMenuFeaturesBootTest {
    @TempDir
    static Path dir;
    static TestStick stick;
    static ImageLibrary lib;
    static Target target;

    @BeforeAll
    static void buildStick() throws Exception {
        stick = TestStick.build(dir, MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL));
        target = new Target.ImageFile(stick.image);
        lib = new ImageLibrary(TargetGuard.system(), Clock.systemUTC(), "0.1.0");
        lib.refresh(target, ProgressListener.NONE);
        lib.setConfig(target, "password." + StickConfigMenuBootTest.FOLDER,
                GrubPassword.hash(StickConfigMenuBootTest.PASSWORD.toCharArray()), ProgressListener.NONE);
    }

    @BootTest
    void uefiSearchFindsNothingThenAWrongPasswordIsRefusedAndTheRightOneBootsIpxe() throws Exception {
        List<MenuItem> items = lib.list(target);
        List<String> titles = items.stream().map(MenuItem::title).toList();
        List<String> catalogued = items.stream().filter(MenuItem::catalogued).map(MenuItem::title).toList();
        List<String> toSearch = new ArrayList<>(catalogued);
        toSearch.add(CatalogSearch.TITLE);
        int ipxe = -1;
        for (int i = 0; i < items.size(); i++) if (items.get(i).path().equals("/tools/net/ipxe.iso")) ipxe = i;
        assertThat(ipxe).as("iPXE in the menu").isNotNegative();
        assertThat(items.get(ipxe).catalogued()).isTrue();

        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.UEFI).withTimeout(Duration.ofMinutes(8)))) {
            // under UEFI the main menu ends with the firmware's settings (fwsetup), after Power off
            String menu = vm.waitForSerial(BootMenu.FIRMWARE_TITLE, BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("menu with passwords and search", Firmware.UEFI, vm);
            MenuBootTest.assertInOrder(menu, toSearch);
            MenuBootTest.assertInOrder(menu, List.of(BootMenu.headerTitle("0.1.0") + " | ", BootMenu.FREE_SUFFIX, toSearch.get(0),
                    CatalogSearch.TITLE, "Reboot", "Power off", BootMenu.FIRMWARE_TITLE));

            MenuDriver.choose(vm, toSearch, toSearch.size() - 1);
            vm.waitForSerial(CatalogSearch.PROMPT, MenuBootTest.MESSAGE);
            vm.sendSerial(SearchMenuBootTest.NO_MATCH_WORD + SerialKeys.ENTER);
            String empty = vm.waitForSerial(CatalogSearch.NO_MATCH + SearchMenuBootTest.NO_MATCH_WORD, MenuBootTest.MESSAGE);
            BootHarness.reportTiming("search without a match", Firmware.UEFI, vm);
            for (String t : catalogued) assertThat(empty).doesNotContain(t);
            // with passwords Esc out of a submenu asks for a superuser (GRUB's rule); the way back is the open entry after
            // the message, which reads the main menu anew
            vm.waitForSerial(CatalogPasswords.BACK_TITLE, MenuBootTest.MESSAGE);
            MenuDriver.choose(vm, List.of(CatalogSearch.NO_MATCH + SearchMenuBootTest.NO_MATCH_WORD, CatalogPasswords.BACK_TITLE), 1);
            String again = vm.waitForSerial("Power off", MenuBootTest.MESSAGE);
            assertThat(again).doesNotContain("Enter username");
            MenuBootTest.assertInOrder(again, toSearch);
            BootHarness.reportTiming("main menu again from the search's submenu", Firmware.UEFI, vm);

            MenuDriver.choose(vm, titles, ipxe);
            vm.waitForSerial("Enter username:", MenuBootTest.MESSAGE);
            vm.sendSerial(StickConfigMenuBootTest.USER + SerialKeys.ENTER);
            vm.waitForSerial("Enter password:", MenuBootTest.MESSAGE);
            int from = vm.serialText().length();
            vm.sendSerial("lab pass 3" + SerialKeys.ENTER);
            vm.waitForSerial("Power off", MenuBootTest.MESSAGE);
            BootHarness.reportTiming("wrong password refused", Firmware.UEFI, vm);
            assertThat(vm.serialText().substring(from)).doesNotContainPattern(MenuBootTest.IPXE_BANNER);

            MenuDriver.choose(vm, titles, ipxe);
            vm.waitForSerial("Enter username:", MenuBootTest.MESSAGE);
            vm.sendSerial(StickConfigMenuBootTest.USER + SerialKeys.ENTER);
            vm.waitForSerial("Enter password:", MenuBootTest.MESSAGE);
            vm.sendSerial(StickConfigMenuBootTest.PASSWORD + SerialKeys.ENTER);
            vm.waitForSerial(MenuBootTest.IPXE_BANNER, MenuBootTest.PROGRAM);
            BootHarness.reportTiming("ipxe.iso after the right password", Firmware.UEFI, vm);
        }
    }
}
