package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
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
}
