package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.catalog.FamilyLayouts;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code polyboot inspect} pinned by golden files (text and JSON): on ISOs xorriso makes from each family's
 * layout and on the images Debian ships (ISOs, an unsigned EFI program). After an intended change regenerate with
 * {@code mvn -pl cli -am test -Dtest=InspectGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dpolyboot.updateGolden=true}
 * and review the diff.
 */
class InspectGoldenTest {
    @TempDir
    static Path tmp;

    static Stream<String> layouts() {
        return FamilyLayouts.ALL.stream().map(FamilyLayouts.Layout::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void familyLayoutsMadeByXorriso(String layout) throws IOException {
        Tools.require("xorriso");
        Path iso = FamilyLayouts.iso(FamilyLayouts.named(layout), Files.createDirectories(tmp.resolve(layout)));
        check(iso, "golden/inspect/" + layout);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/usr/lib/memtest86+/memtest86+x64.iso", "/usr/lib/ipxe/ipxe.iso", "/usr/lib/grub-rescue/grub-rescue-cdrom.iso",
            "/usr/lib/ipxe/snponly.efi"})
    void imagesDebianShips(String file) throws IOException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            String msg = file + " missing (see scripts/debian-packages.txt)";
            if (Tools.inCi()) throw new AssertionError(msg);
            Assumptions.assumeTrue(false, msg);
        }
        check(p, "golden/inspect/" + p.getFileName().toString().replace(".iso", ""));
    }

    @Test
    void missingFileIsOneLineWithHintAndExit1() {
        CliRun r = CliRun.of("inspect", tmp.resolve("nope.iso").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith("polyboot: no such file: ").contains("hint: ");
        assertThat(r.err().lines().count()).isEqualTo(2);
    }

    private static void check(Path image, String golden) throws IOException {
        CliRun text = CliRun.of("inspect", image.toString());
        CliRun json = CliRun.of("inspect", image.toString(), "--json");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(json.exitCode()).as(json.toString()).isZero();
        compare(golden + ".txt", text.out());
        compare(golden + ".json", json.out());
        assertThat(JsonSchemaTest.violations("inspect", new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out())))
                .as(golden + ".json against inspect.schema.json").isEmpty();
    }

    private static void compare(String golden, String actual) throws IOException {
        if (Boolean.getBoolean("polyboot.updateGolden")) {
            Path file = Path.of(System.getProperty("polyboot.repo", "."), "cli/src/test/resources", golden);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        try (InputStream in = InspectGoldenTest.class.getResourceAsStream("/" + golden)) {
            assertThat(in).as("golden file %s (regenerate with -Dpolyboot.updateGolden=true)", golden).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
