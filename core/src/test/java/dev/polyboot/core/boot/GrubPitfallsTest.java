package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated GRUB scripts (the goldens, which GrubCfgGoldenTest and CatalogMenuTest pin to the generators) avoid the
 * GRUB 2.06 pitfalls of SECURE-BOOT-NOTES §6 by construction: every successful {@code linux}/{@code linux16} is followed
 * in its own block by {@code boot} and, should that return, {@code pb_unload} (never a second kernel on top of a loaded
 * one); every place that switches signature enforcement off switches it on again later in the same function, so no path
 * leaves a Secure Boot menu without enforcement.
 */
class GrubPitfallsTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"grub-serial.cfg", "grub-screen.cfg", "grub-both.cfg", "catalog.cfg", "catalog-config.cfg"})
    void everyKernelLoadIsFollowedByBootAndAnUnloadInItsOwnBlock(String name) throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN.resolve(name));
        int loads = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.matches("if linux(16)? .*; then")) continue;
            loads++;
            List<String> block = block(lines, i);
            assertThat(block).as("%s line %d: %s", name, i + 1, l)
                    .anySatisfy(b -> assertThat(b.strip()).matches("boot|pb_initrd_boot .*"));
            assertThat(block).as("%s line %d: nothing stays loaded if boot returns", name, i + 1)
                    .anySatisfy(b -> assertThat(b.strip()).matches("pb_unload|pb_initrd_boot .*"));
        }
        if (name.startsWith("catalog")) assertThat(loads).isEqualTo(1);
        else assertThat(loads).isGreaterThan(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grub-serial.cfg", "catalog.cfg"})
    void enforcementSwitchedOffIsSwitchedOnAgainInTheSameFunction(String name) throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN.resolve(name));
        int offs = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("set check_signatures=no")) continue;
            offs++;
            boolean on = false;
            for (int j = i + 1; j < lines.size() && !lines.get(j).equals("}"); j++) {
                if (lines.get(j).strip().equals("set check_signatures=enforce")) {
                    on = true;
                    break;
                }
            }
            assertThat(on).as("%s line %d: enforcement back on before the function ends", name, i + 1).isTrue();
        }
        assertThat(offs).isGreaterThan(0);
        assertThat(lines.stream().filter(l -> l.strip().equals("set check_signatures=enforce")).count()).isEqualTo(offs);
    }

    /** The lines of the {@code then} block opened at line {@code at} (up to its {@code else}/{@code fi} at the same indent). */
    private static List<String> block(List<String> lines, int at) {
        String indent = lines.get(at).substring(0, lines.get(at).indexOf("if"));
        List<String> out = new ArrayList<>();
        for (int j = at + 1; j < lines.size(); j++) {
            String l = lines.get(j);
            if (l.equals(indent + "fi") || l.equals(indent + "else")) break;
            out.add(l);
        }
        return out;
    }
}
