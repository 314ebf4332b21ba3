package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * grub.cfg per console option: valid for GRUB's own parser (grub-script-check) and pinned by golden files.
 * After an intended change, regenerate with
 * {@code mvn -pl core -am test -Dtest=GrubCfgGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dpolyboot.updateGolden=true}
 * and review the diff.
 */
class GrubCfgGoldenTest {
    static final String VERSION = "0.1.0";

    static String golden(Console c) {
        return "golden/grub-" + c.name().toLowerCase(java.util.Locale.ROOT) + ".cfg";
    }

    @ParameterizedTest
    @EnumSource(Console.class)
    void passesGrubScriptCheck(Console console, @TempDir Path tmp) throws IOException {
        Path cfg = tmp.resolve("grub.cfg");
        Files.writeString(cfg, BootMenu.grubCfg(MenuOptions.defaults(VERSION).withConsole(console).withTimeout(10)));
        Tools.run("grub-script-check", cfg.toString()).assertOk();
    }

    @ParameterizedTest
    @EnumSource(Console.class)
    void matchesGoldenFile(Console console) throws IOException {
        String actual = BootMenu.grubCfg(MenuOptions.defaults(VERSION).withConsole(console));
        if (Boolean.getBoolean("polyboot.updateGolden")) {
            Path file = Path.of(System.getProperty("polyboot.repo", "."), "core/src/test/resources", golden(console));
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        try (InputStream in = getClass().getResourceAsStream("/" + golden(console))) {
            assertThat(in).as("golden file %s (regenerate with -Dpolyboot.updateGolden=true)", golden(console)).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Entry 0 is the header and the help (F1) at once, with the free space MenuFacts recorded when there is a figure;
     * the main menu ends with Reboot, Power off and the firmware's settings, the last only under UEFI.
     */
    @Test
    void headerWithHelpAndFreeSpaceAndFirmwareSettingsOnlyUnderUefi() {
        String cfg = BootMenu.grubCfg(MenuOptions.defaults(VERSION).withConsole(Console.SERIAL));
        assertThat(cfg).containsSubsequence("set pb_data=(", "set pb_free=\n",
                "if test -f \"${pb_data}\"/.polyboot/menu-facts.env; then\n  load_env --skip-sig --file \"${pb_data}\"/.polyboot/menu-facts.env pb_free\nfi",
                "set pb_head='polyboot 0.1.0 - choose an image | F1 help'\n",
                "if test -n \"${pb_free}\"; then\n  set pb_head=\"${pb_head}\"' | '\"${pb_free}\"' free at last change'\nfi\n",
                "menuentry \"${pb_head}\" --unrestricted --hotkey=f1 {", "echo 'Keys in the polyboot menu:'", "read pb_key\n}",
                "source \"${pb_data}\"/.polyboot/catalog.cfg", "menuentry Reboot --unrestricted {", "menuentry 'Power off' --unrestricted {",
                "if test \"${grub_platform}\" = efi; then\n  menuentry 'UEFI firmware settings' --unrestricted {\n    fwsetup\n");
        // the header is the first entry made: pb_add's menuentry (above it) only runs in the scan, after the catalogue
        assertThat(cfg.indexOf("menuentry \"${pb_head}\"")).isLessThan(cfg.indexOf("source \"${pb_data}\"/.polyboot/catalog.cfg"));
        assertThat(BootMenu.headerTitle("0.1.0", "12.3 GiB")).isEqualTo("polyboot 0.1.0 - choose an image | F1 help | 12.3 GiB free at last change")
                .hasSizeLessThanOrEqualTo(74); // GRUB's text menu shows 74 columns of a title on an 80-column console
        // every help line fits an 80-column console (GRUB wraps longer ones mid-word)
        String help = cfg.substring(cfg.indexOf("echo 'Keys in the polyboot menu:'"), cfg.indexOf("read pb_key"));
        assertThat(help.lines()).hasSizeGreaterThan(10).allSatisfy(l -> {
            String text = l.trim().replace("'\\''", "'").replaceAll("^echo '(.*)'$", "$1");
            assertThat(text.length()).as("help line %s", text).isLessThan(80);
        });
    }
}
