package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The in-menu search in real GRUB (BIOS, TCG, serial console): a word nobody's title or path contains gives the
 * one message entry; a word typed in the wrong case and with a regexp special character ('/' and '.' are not
 * special, '+' is) lists exactly the images {@link CatalogSearch#matches} says, in menu order, and one of them boots.
 */
class SearchMenuBootTest {
    static final String NO_MATCH_WORD = "ZZQX+";
    static final String WORD = "TOOLS/";
    /** What a VT100 terminal sends for F1 (GRUB's terminfo input reads ESC O P as F1). */
    static final String F1 = "\u001bOP";
    @TempDir
    static Path dir;
    static TestStick stick;
    static List<MenuItem> items;
    static long dataFree;

    @BeforeAll
    static void buildStick() throws Exception {
        stick = TestStick.build(dir, MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL));
        Target t = new Target.ImageFile(stick.image);
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), Clock.systemUTC(), "0.1.0");
        lib.refresh(t, ProgressListener.NONE);
        items = lib.list(t);
        dataFree = lib.catalog(t).orElseThrow().dataFree();
    }

    @BootTest
    void biosSearchFindsNothingThenExactlyTheMatchesAndBootsOne() throws IOException {
        List<String> catalogued = items.stream().filter(MenuItem::catalogued).map(MenuItem::title).toList();
        List<String> matching = items.stream().filter(MenuItem::catalogued)
                .filter(i -> CatalogSearch.matches(WORD, i.title(), i.path())).map(MenuItem::title).toList();
        List<String> others = catalogued.stream().filter(t -> !matching.contains(t)).toList();
        assertThat(matching).hasSizeGreaterThan(1).anyMatch(t -> t.contains("ipxe.iso"));
        assertThat(others).isNotEmpty();
        assertThat(items.stream().filter(i -> CatalogSearch.matches(NO_MATCH_WORD, i.title(), i.path()))).isEmpty();
        // the main menu as MenuDriver counts it: images, then the search entry after the catalogue's
        List<String> toSearch = new ArrayList<>(catalogued);
        toSearch.add(CatalogSearch.TITLE);

        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick.image, Firmware.BIOS).withTimeout(Duration.ofMinutes(10)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("menu with search", Firmware.BIOS, vm);
            MenuBootTest.assertInOrder(menu, toSearch);
            // the header: version, help key and the free space the catalogue's last write saw; sizes in the titles
            String header = "polyboot 0.1.0 - choose an image | F1 help | " + dev.polyboot.core.api.Bytes.human(dataFree) + " free at last change";
            assertThat(BootMenu.headerTitle("0.1.0", dev.polyboot.core.api.Bytes.human(dataFree))).isEqualTo(header);
            MenuBootTest.assertInOrder(menu, List.of(header, catalogued.get(0)));
            MenuItem ipxeItem = items.stream().filter(i -> i.path().equals("/tools/net/ipxe.iso")).findFirst().orElseThrow();
            assertThat(menu).contains(" - tools/net/ipxe.iso | 2.0 MiB"); // Debian's ipxe.iso: 2,097,152 bytes
            assertThat(ipxeItem.size()).isEqualTo(2_097_152L);

            // F1 (VT100: ESC O P) from the main menu runs the header's help; Enter brings the menu back, the default highlighted
            MenuBootTest.assertInOrder(menu, List.of(CatalogSearch.TITLE, "Reboot", "Power off"));
            vm.sendSerial(F1);
            String help = vm.waitForSerial(BootMenu.HELP_END, MenuBootTest.MESSAGE);
            BootHarness.reportTiming("help (F1)", Firmware.BIOS, vm);
            assertThat(help.substring(help.lastIndexOf(BootMenu.HELP_HEADING))).contains("Enter", "Esc", "  e ", "  c ", CatalogSearch.TITLE, "Passwords");
            int back = vm.serialText().length();
            vm.sendSerial(SerialKeys.ENTER);
            vm.waitForSerial(java.util.regex.Pattern.compile("\\*" + java.util.regex.Pattern.quote(catalogued.get(0))), MenuBootTest.MESSAGE);
            vm.waitForSerial("Power off", MenuBootTest.MESSAGE);
            BootHarness.reportTiming("menu again after the help", Firmware.BIOS, vm);
            assertThat(vm.serialText().substring(back)).contains(header);

            MenuDriver.choose(vm, toSearch, toSearch.size() - 1);
            vm.waitForSerial(CatalogSearch.PROMPT, MenuBootTest.MESSAGE);
            vm.sendSerial(NO_MATCH_WORD + SerialKeys.ENTER);
            String empty = vm.waitForSerial(CatalogSearch.NO_MATCH + NO_MATCH_WORD, MenuBootTest.MESSAGE);
            BootHarness.reportTiming("search without a match", Firmware.BIOS, vm);
            for (String t : catalogued) assertThat(empty).doesNotContain(t);

            vm.sendSerial(SerialKeys.ESCAPE); // back to the main menu, its default entry highlighted again
            vm.waitForSerial("Power off", MenuBootTest.MESSAGE);
            MenuDriver.choose(vm, toSearch, toSearch.size() - 1);
            vm.waitForSerial(CatalogSearch.PROMPT, MenuBootTest.MESSAGE);
            int from = vm.serialText().length();
            vm.sendSerial(WORD + SerialKeys.ENTER);
            vm.waitForSerial(matching.get(matching.size() - 1), MenuBootTest.MESSAGE);
            BootHarness.reportTiming("search with " + matching.size() + " matches", Firmware.BIOS, vm);
            MenuDriver.pause(3000); // the rest of the submenu, if GRUB drew more
            String found = vm.serialText().substring(from);
            MenuBootTest.assertInOrder(found, matching);
            for (String t : others) assertThat(found).doesNotContain(t);
            assertThat(found).doesNotContain(CatalogSearch.NO_MATCH, "Power off");

            int ipxe = matching.indexOf(matching.stream().filter(t -> t.contains("ipxe.iso")).findFirst().orElseThrow());
            MenuDriver.choose(vm, matching, ipxe);
            vm.waitForScreenText(MenuBootTest.IPXE_BANNER, MenuBootTest.PROGRAM);
            BootHarness.reportTiming("ipxe.iso from the search's submenu", Firmware.BIOS, vm);
            // BIOS: no firmware-settings entry anywhere in the session (the help text does not name it either)
            assertThat(vm.serialText()).doesNotContain(BootMenu.FIRMWARE_TITLE);
        }
    }
}
