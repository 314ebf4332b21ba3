package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.config.StickConfig;
import dev.polyboot.core.persistence.PersistenceFamily;
import dev.polyboot.formats.testing.Golden;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The menu of a stick with persistence files: every family's kernel parameters (golden
 * {@code golden/persistence-families.txt}) and catalog.cfg with no, one and several bindings (golden
 * {@code golden/catalog-persistence.cfg}, checked by grub-script-check); regenerate with -Dpolyboot.updateGolden=true.
 */
class PersistenceMenuTest {
    static final String FAMILIES_GOLDEN = "golden/persistence-families.txt";
    static final String MENU_GOLDEN = "golden/catalog-persistence.cfg";
    static final String PFP = "fedcba9876543210".repeat(4);

    /** The helper-route entries of CatalogMenuTest plus one per other persistence family. */
    static List<CatalogMenuEntry> entries() {
        List<CatalogMenuEntry> e = new ArrayList<>(CatalogMenuTest.entries());
        e.add(new CatalogMenuEntry("/ubuntu/ubuntu-24.04.iso", "Ubuntu 24.04 Live (amd64)", 5_000_000_000L, "casper",
                new BootRecipe.Linux("/casper/vmlinuz", List.of("/casper/initrd"), List.of("boot=casper", "live-media=/dev/polyboot/iso", "---"),
                        List.of(BootMode.BIOS, BootMode.UEFI), true), "Ubuntu 24.04 LTS amd64", null));
        e.add(new CatalogMenuEntry("/arch/archlinux.iso", "Arch Linux Live (amd64)", 1_000_000_000L, "archiso",
                new BootRecipe.Linux("/arch/boot/x86_64/vmlinuz-linux", List.of("/arch/boot/x86_64/initramfs-linux.img"),
                        List.of("archisobasedir=arch", "archisodevice=/dev/polyboot/iso"), List.of(BootMode.BIOS, BootMode.UEFI), true),
                        "ARCH_202401", null));
        return e;
    }

    static Map<String, PersistenceBoot> bindings() {
        Map<String, PersistenceBoot> m = new TreeMap<>();
        m.put("/live/bookworm.iso", boot("/persistence/bookworm live.dat", "debian-live"));
        m.put("/fedora/Fedora Live.iso", boot("/persistence/fedora.dat", "dracut-live"));
        m.put("/ubuntu/ubuntu-24.04.iso", boot("/persistence/ubuntu.dat", "casper"));
        m.put("/arch/archlinux.iso", boot("/persistence/arch.dat", "archiso"));
        // bound, but booted by the ISO-file route (no helper): no persistence entries
        m.put("/linux/debian-live.iso", boot("/persistence/old.dat", "debian-live"));
        return m;
    }

    private static PersistenceBoot boot(String file, String family) {
        return new PersistenceBoot(file, PFP, PersistenceFamily.of(family).orElseThrow().kernelArgs());
    }

    @Test
    void everyFamilysParametersMatchTheGoldenFile() throws IOException {
        StringBuilder b = new StringBuilder("# family: ext4 label; files; directories; kernel parameters of the \"with persistence\" entry\n");
        for (PersistenceFamily f : PersistenceFamily.ALL) {
            b.append(f.familyId()).append(": label ").append(f.label())
                    .append("; files ").append(new TreeMap<>(f.files()).toString().replace("\n", "\\n"))
                    .append("; dirs ").append(f.dirs())
                    .append("; boot-tested ").append(f.bootTested()).append('\n');
            b.append("  ").append(String.join(" ", new PersistenceBoot("/persistence/a b.dat", PFP, f.kernelArgs()).render())).append('\n');
        }
        Golden.check(b.toString(), "core", FAMILIES_GOLDEN);
    }

    @Test
    void theMenuWithBindingsMatchesTheGoldenFileAndPassesGrubScriptCheck(@TempDir Path tmp) throws IOException {
        String cfg = CatalogMenu.cfg(entries(), CatalogMenuTest.DATA, StickConfig.NONE, bindings());
        Path f = tmp.resolve("catalog.cfg");
        Files.writeString(f, cfg);
        Tools.run("grub-script-check", f.toString()).assertOk();
        Golden.check(cfg, "core", MENU_GOLDEN);
    }

    @Test
    void withPersistenceComesFirstAndCarriesTheFamilysParameterAndTheHelpersCheck() {
        String cfg = CatalogMenu.cfg(entries(), CatalogMenuTest.DATA, StickConfig.NONE, bindings());
        String title = "Debian 12 Live (amd64) - live/bookworm.iso | 381.5 MiB";
        assertThat(cfg).containsSubsequence("'" + title + " (with persistence)'", "'" + title + " (without persistence)'");
        String with = cfg.lines().filter(l -> l.startsWith("pb_cat ") && l.contains(title + " (with persistence)")).findFirst().orElseThrow();
        assertThat(with).endsWith(" persistence polyboot.pfile=/persistence/bookworm%20live.dat polyboot.pfp=" + PFP);
        String without = cfg.lines().filter(l -> l.startsWith("pb_cat ") && l.contains(title + " (without persistence)")).findFirst().orElseThrow();
        assertThat(without).doesNotContain("polyboot.pfile", " persistence ");
        assertThat(cfg).contains("rd.live.overlay=/dev/polyboot/persistence:/overlayfs rd.live.overlay.overlayfs=1 polyboot.pfile=/persistence/fedora.dat");
        // the ISO-file route has no helper to map the file: one plain entry
        assertThat(cfg).doesNotContain("linux/debian-live.iso (with persistence)", "/persistence/old.dat");
    }

    @Test
    void withoutBindingsTheMenuIsExactlyTheOneBefore() {
        assertThat(CatalogMenu.cfg(entries(), CatalogMenuTest.DATA, StickConfig.NONE, Map.of()))
                .isEqualTo(CatalogMenu.cfg(entries(), CatalogMenuTest.DATA, StickConfig.NONE));
        assertThat(CatalogMenu.cfg(CatalogMenuTest.entries(), CatalogMenuTest.DATA, StickConfig.NONE, Map.of()))
                .isEqualTo(CatalogMenuTest.render());
    }

    @Test
    void oneBindingGivesExactlyTwoEntriesForThatImage() {
        Map<String, PersistenceBoot> one = Map.of("/live/bookworm.iso", boot("/p.dat", "debian-live"));
        String cfg = CatalogMenu.cfg(entries(), CatalogMenuTest.DATA, StickConfig.NONE, one);
        assertThat(cfg.lines().filter(l -> l.startsWith("pb_cat ") && l.contains("live/bookworm.iso")).count()).isEqualTo(2);
        assertThat(cfg.lines().filter(l -> l.startsWith("pb_cat ") && l.contains("persistence)")).count()).isEqualTo(2);
    }
}
