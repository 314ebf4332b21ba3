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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase 2 of {@code /polyboot.json} in real GRUB (BIOS, TCG, serial), three boots of one stick:
 * <ol>
 *   <li>a password on the folder {@code /tools}: an unprotected catalogued entry runs without a prompt, iPXE (below
 *       {@code /tools}) asks for user and password, refuses a wrong password (back to the menu, no iPXE) and boots
 *       with the right one;</li>
 *   <li>the same stick with a broken file refreshed: the plain menu (polyboot's titles, exactly {@code list}'s) and,
 *       above the images, an entry naming the file's problem with its line;</li>
 *   <li>the folders view: the main menu shows the root images and one submenu per top folder (one by its alias) in
 *       list order; {@code tools/} holds its image and {@code net/}, which holds iPXE, which boots from there.</li>
 * </ol>
 */
class StickConfigMenuBootTest {
    static final String FOLDER = "/tools";
    static final String USER = "tools";
    static final String PASSWORD = "lab pass 2";
    static final String BROKEN = "{\n  \"version\": 1,\n  \"menu\": {\"timeout\": \"soon\"}\n}\n";
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
        lib.setConfig(target, "password." + FOLDER, GrubPassword.hash(PASSWORD.toCharArray()), ProgressListener.NONE);
    }

    @BootTest
    void biosPasswordsThenAnIgnoredFileThenTheFoldersView() throws Exception {
        List<MenuItem> items = lib.list(target);
        List<String> titles = items.stream().map(MenuItem::title).toList();
        int ipxe = indexOf(items, "/tools/net/ipxe.iso");
        int free = indexOf(items, "/a/win 10;$x.wim"); // a catalogued message entry: runs and comes back
        assertThat(items.get(free).catalogued()).isTrue();

        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.BIOS).withTimeout(Duration.ofMinutes(8)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("menu with passwords", Firmware.BIOS, vm);
            MenuBootTest.assertInOrder(menu, titles);

            MenuDriver.choose(vm, titles, free);
            String ran = vm.waitForSerial("Back to the menu", MenuBootTest.MESSAGE);
            assertThat(ran).doesNotContain("Enter username");
            vm.sendSerial(SerialKeys.ENTER);
            vm.waitForSerial("Power off", MenuBootTest.MESSAGE);

            MenuDriver.choose(vm, titles, ipxe);
            vm.waitForSerial("Enter username:", MenuBootTest.MESSAGE);
            vm.sendSerial(USER + SerialKeys.ENTER);
            vm.waitForSerial("Enter password:", MenuBootTest.MESSAGE);
            vm.sendSerial("lab pass 3" + SerialKeys.ENTER);
            String refused = vm.waitForSerial("Power off", MenuBootTest.MESSAGE); // GRUB waits a second, then the menu again
            BootHarness.reportTiming("wrong password refused", Firmware.BIOS, vm);
            assertThat(refused).doesNotContainPattern(MenuBootTest.IPXE_BANNER);

            MenuDriver.choose(vm, titles, ipxe);
            vm.waitForSerial("Enter username:", MenuBootTest.MESSAGE);
            vm.sendSerial(USER + SerialKeys.ENTER);
            vm.waitForSerial("Enter password:", MenuBootTest.MESSAGE);
            vm.sendSerial(PASSWORD + SerialKeys.ENTER);
            try {
                vm.waitForScreenText(MenuBootTest.IPXE_BANNER, MenuBootTest.PROGRAM);
            } catch (IOException e) {
                String serial = vm.serialText();
                throw new AssertionError("no iPXE after the right password; serial's end:\n"
                        + serial.substring(Math.max(0, serial.length() - 3000)), e);
            }
            BootHarness.reportTiming("ipxe.iso after the right password", Firmware.BIOS, vm);
        }

        // the file broken by hand (written as a plain file, not through config set, which would refuse), then refresh
        List<String> warnings = new ArrayList<>();
        lib.remove(target, dev.polyboot.core.config.StickConfig.PATH);
        lib.add(target, List.of(Files.writeString(dir.resolve("polyboot.json"), BROKEN)), "/", true, ProgressListener.NONE);
        lib.refresh(target, new ProgressListener() {
            @Override public void progress(String phase, long done, long total) {}
            @Override public void warning(String message) { warnings.add(message); }
        });
        assertThat(warnings).anyMatch(w -> w.contains("line 3") && w.contains("the configuration is ignored"));
        List<String> plain = lib.list(target).stream().map(MenuItem::title).toList();
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.BIOS).withTimeout(Duration.ofMinutes(4)))) {
            // one entry more than the plain menu: the last ones may be below the screen's menu box, so the check is
            // the message and the first images after it
            vm.waitForSerial(plain.get(2), BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("menu with an ignored configuration", Firmware.BIOS, vm);
            MenuDriver.pause(1000);
            String menu = vm.serialText();
            List<String> expected = new ArrayList<>();
            expected.add(CatalogMenu.IGNORED_TITLE + "line 3: \"timeout\": must be a whole"); // GRUB may cut a long title
            expected.addAll(plain.subList(0, 3));
            MenuBootTest.assertInOrder(menu, expected);
            // the first image stays the default entry, not the message
            assertThat(menu).contains("*" + plain.get(0));
        }

        lib.remove(target, dev.polyboot.core.config.StickConfig.PATH);
        lib.setConfig(target, "view", "folders", ProgressListener.NONE);
        lib.setConfig(target, "alias./a", FOLDER_ALIAS, ProgressListener.NONE);
        List<MenuItem> listed = lib.list(target).stream().filter(MenuItem::catalogued).toList();
        List<String> top = new ArrayList<>();
        for (MenuItem i : listed) {
            int slash = i.path().indexOf('/', 1);
            String t = slash < 0 ? i.title() : i.path().startsWith("/a/") ? FOLDER_ALIAS : i.path().substring(1, slash) + "/";
            if (!top.contains(t)) top.add(t);
        }
        List<String> tools = List.of(titleOf(listed, "/tools/grub-rescue-cdrom.iso"), "net/");
        assertThat(top).containsExactly(FOLDER_ALIAS, titleOf(listed, "/memtest.efi"), titleOf(listed, "/memtest86+x64.iso"), "tools/");
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.BIOS).withTimeout(Duration.ofMinutes(6)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("folders view", Firmware.BIOS, vm);
            MenuBootTest.assertInOrder(menu, top);
            assertThat(menu).doesNotContain(titleOf(listed, "/tools/net/ipxe.iso"));
            MenuDriver.choose(vm, top, top.indexOf("tools/"));
            String sub = vm.waitForSerial("net/", MenuBootTest.MESSAGE);
            MenuBootTest.assertInOrder(sub, tools);
            MenuDriver.choose(vm, tools, 1);
            vm.waitForSerial(titleOf(listed, "/tools/net/ipxe.iso"), MenuBootTest.MESSAGE);
            BootHarness.reportTiming("folders view: tools/net/ opened", Firmware.BIOS, vm);
            MenuDriver.choose(vm, List.of(titleOf(listed, "/tools/net/ipxe.iso")), 0);
            vm.waitForScreenText(MenuBootTest.IPXE_BANNER, MenuBootTest.PROGRAM);
            BootHarness.reportTiming("ipxe.iso from tools/net/", Firmware.BIOS, vm);
        }
    }

    static final String FOLDER_ALIAS = "Lab folder";

    private static String titleOf(List<MenuItem> items, String path) {
        return items.stream().filter(i -> i.path().equals(path)).findFirst().orElseThrow().title();
    }

    private static int indexOf(List<MenuItem> items, String path) {
        for (int i = 0; i < items.size(); i++) if (items.get(i).path().equals(path)) return i;
        throw new AssertionError(path + " not in " + items);
    }
}
