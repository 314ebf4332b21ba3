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
    @TempDir
    static Path dir;
    static TestStick stick;
    static List<MenuItem> items;

    @BeforeAll
    static void buildStick() throws Exception {
        stick = TestStick.build(dir, MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL));
        Target t = new Target.ImageFile(stick.image);
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), Clock.systemUTC(), "0.1.0");
        lib.refresh(t, ProgressListener.NONE);
        items = lib.list(t);
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
        }
    }
}
