package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.CatalogMenuEntry;
import dev.polyboot.core.boot.DataPartition;
import dev.polyboot.core.boot.IsoMapping;
import dev.polyboot.formats.testing.Golden;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every family's boot line as catalog.cfg carries it, from the family's real layout (FamilyLayouts, the synthetic
 * trees laid out as each distribution ships them) through the classifier: kernel, initrds, the family's way to
 * name its medium and polyboot's initramfs helper parameters (payload/src/helper/README.md). Pinned by a golden
 * file (regenerate with -Dpolyboot.updateGolden=true) and checked by GRUB's own parser.
 */
class FamilyBootLinesGoldenTest {
    static final String GOLDEN = "golden/family-boot-lines.cfg";
    static final DataPartition DATA = new DataPartition("5A17-C0DE", "9f3c21d4-01", 31_000_000_000L);

    @TempDir
    Path tmp;

    String render() throws Exception {
        List<CatalogMenuEntry> entries = new ArrayList<>();
        long offset = 1L << 20;
        for (FamilyLayouts.Layout l : FamilyLayouts.ALL) {
            Path dir = Files.createDirectories(tmp.resolve(l.name()));
            FamilyLayouts.write(l, dir);
            long size = 700L << 20;
            IsoClassifier.Result r = IsoClassifier.classify(l.name() + ".iso", size, new DirectoryContent(dir, l.volumeId()), false);
            IsoMapping mapping = r.recipe() instanceof BootRecipe.Linux linux && linux.isoDevice()
                    ? new IsoMapping(List.of(new IsoMapping.Run(offset, size)), String.format("%064x", offset)) : null;
            offset += size + (1L << 20);
            entries.add(new CatalogMenuEntry("/" + l.name() + ".iso", r.title(), size, r.family() == null ? null : r.family().id(),
                    r.recipe(), l.volumeId(), mapping));
        }
        return CatalogMenu.cfg(entries, DATA);
    }

    @Test
    void matchesGoldenAndGrubParsesIt() throws Exception {
        String actual = render();
        Path cfg = tmp.resolve("catalog.cfg");
        Files.writeString(cfg, actual);
        Tools.run("grub-script-check", cfg.toString()).assertOk();
        Golden.check(actual, "core", GOLDEN);
    }

    @Test
    void familiesWithADeviceParameterBootThroughTheHelperTheOthersKeepTheirIsoFileRoute() throws Exception {
        String cfg = render();
        for (String f : List.of("debian-live", "kali", "clonezilla", "ubuntu", "mint", "fedora-live", "fedora-netinst", "arch",
                "sysrescue", "manjaro", "opensuse-live", "tails")) {
            assertThat(line(cfg, f)).as(f).contains(" isodev both ", " rdinit=/polyboot/init ", " polyboot.fsuuid=5A17-C0DE ",
                    " polyboot.part=9f3c21d4-01 ", " polyboot.ext=").doesNotContain("findiso=", "iso-scan/filename=", "img_loop=");
        }
        for (String f : List.of("alpine", "tinycore", "gentoo", "opensuse-installer")) {
            assertThat(line(cfg, f)).as(f).contains(" linux both ").doesNotContain("rdinit=");
        }
    }

    private static String line(String cfg, String layout) {
        return cfg.lines().filter(l -> l.startsWith("pb_cat ") && l.contains(" \"${pb_data}\"/" + layout + ".iso ")).findFirst()
                .orElseThrow(() -> new AssertionError("no catalogue line for " + layout));
    }
}
