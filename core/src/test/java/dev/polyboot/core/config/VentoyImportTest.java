package dev.polyboot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code config import} of ventoy.json files shaped like Ventoy's documented plugin examples (test resources
 * {@code ventoy/*.json}): the converted /polyboot.json and the list of keys left out, with why, pinned by goldens
 * {@code golden/ventoy/*.txt} (regenerate with -Dpolyboot.updateGolden=true). Password hashes have random salts, so
 * the golden shows them as {@code <grub.pbkdf2 hash>} and the test checks each against its txt# password.
 */
class VentoyImportTest {
    private static final Pattern HASH = Pattern.compile("grub\\.pbkdf2\\.sha512\\.10000\\.[0-9A-F]{128}\\.[0-9A-F]{128}");

    static VentoyImport.Result convert(String name) throws IOException {
        try (InputStream in = VentoyImportTest.class.getResourceAsStream("/ventoy/" + name + ".json")) {
            return VentoyImport.convert(in.readAllBytes(), StickConfig.NONE);
        }
    }

    static String report(VentoyImport.Result r) {
        StringBuilder b = new StringBuilder("# /polyboot.json\n");
        b.append(HASH.matcher(new String(StickConfigWriter.write(r.config()), StandardCharsets.UTF_8)).replaceAll("<grub.pbkdf2 hash>"));
        b.append("# converted\n");
        r.converted().forEach(c -> b.append(c).append('\n'));
        b.append("# not converted\n");
        r.unconverted().forEach(u -> b.append(u.key()).append(": ").append(u.why()).append('\n'));
        b.append("# notes\n");
        r.notes().forEach(n -> b.append(n).append('\n'));
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab-control", "kiosk-passwords", "cosmetic"})
    void matchesGolden(String name) throws IOException {
        VentoyImport.Result r = convert(name);
        Golden.check(report(r), "core", "golden/ventoy/" + name + ".txt");
        // what it writes is a valid /polyboot.json
        assertThat(StickConfigReader.read(StickConfigWriter.write(r.config()))).isEqualTo(r.config());
    }

    @Test
    void labControlBecomesTimeoutDefaultAliasesAndHidden() throws IOException {
        StickConfig c = convert("lab-control").config();
        assertThat(c.timeoutSeconds()).isEqualTo(10);
        assertThat(c.defaultImage()).isEqualTo("/ISO/debian-live-12.5.0-amd64-xfce.iso");
        assertThat(c.aliasOf("/ISO/ubuntu-22.04.4-desktop-amd64.iso")).isEqualTo("Ubuntu 22.04 LTS");
        assertThat(c.hidden("/ISO/Tools/old-gparted.iso")).isTrue();
    }

    /** txt# passwords become GRUB hashes of the same password; md5#/sha256# cannot and are listed. */
    @Test
    void plainVentoyPasswordsAreHashedOthersListed() throws IOException {
        VentoyImport.Result r = convert("kiosk-passwords");
        StickConfig c = r.config();
        assertThat(GrubPassword.matches("kiosk-boot".toCharArray(), c.password())).isTrue();
        assertThat(GrubPassword.matches("setup-only".toCharArray(), c.images().get("/ISO/Windows/Win11_23H2_English_x64.iso").password())).isTrue();
        assertThat(GrubPassword.matches("linux 123".toCharArray(), c.images().get("/ISO/Linux").password())).isTrue();
        assertThat(r.unconverted()).extracting(VentoyImport.Unconverted::key)
                .contains("password.isopwd", "password.menupwd[1]", "password.menupwd[3]").doesNotContain("control[0].VTOY_DEFAULT_MENU_MODE");
        assertThat(r.unconverted()).filteredOn(u -> u.key().equals("password.menupwd[1]")).first()
                .satisfies(u -> assertThat(u.why()).contains("md5", "PBKDF2"));
        // the plain text never reaches the report
        assertThat(report(r)).doesNotContain("kiosk-boot", "setup-only", "linux 123");
        // image_list: the menu shows the images it names only (also one added later is not shown)
        assertThat(c.listedOnly()).isTrue();
        assertThat(c.shown("/ISO/Linux/fedora.iso")).isFalse();
        assertThat(c.shown("/ISO/Linux/debian.iso")).isTrue();
        assertThat(c.shown("/ISO/added-later.iso")).isFalse();
    }

    @Test
    void notJsonIsOneLineNamingTheLine() {
        assertThatThrownBy(() -> VentoyImport.convert("{\n \"control\": [,]\n}".getBytes(StandardCharsets.UTF_8), StickConfig.NONE))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ventoy.json line 2: not valid JSON");
    }
}
