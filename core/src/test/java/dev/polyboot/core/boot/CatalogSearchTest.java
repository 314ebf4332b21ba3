package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.config.StickConfig;
import dev.polyboot.formats.testing.Golden;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-menu search: catalog.cfg's entry reads the word and sources search.cfg, which has one pb_find line per visible
 * image with lower-cased title and path; both valid for GRUB's parser. What GRUB does with them is proven by
 * {@code SearchMenuBootTest} (and under UEFI by {@code UefiMenuFeaturesBootTest}).
 */
class CatalogSearchTest {
    static final String GOLDEN = "golden/catalog-search.cfg";

    @Test
    void everyVisibleImageHasAFindLineWithLowerCaseHaystacks(@TempDir Path tmp) throws IOException {
        CatalogMenu.Files files = CatalogMenu.files(CatalogMenuTest.entries(), CatalogMenuTest.DATA, CatalogMenuTest.CONFIG,
                java.util.Map.of(), List.of());
        String cfg = files.catalog();
        String search = files.search();
        for (String text : List.of(cfg, search)) {
            Path file = Files.writeString(tmp.resolve("check.cfg"), text);
            Tools.run("grub-script-check", file.toString()).assertOk();
        }
        Golden.check(search, "core", GOLDEN);
        assertThat(cfg).contains("submenu 'Search images...' {", "read pb_word", "pb_search_word \"${pb_word}\"",
                "source \"${pb_data}\"/.polyboot/search.cfg", "verify_detached \"${pb_data}\"/.polyboot/search.cfg \"${pb_data}\"/.polyboot/search.cfg.sig")
                .doesNotContain("pb_find '");
        assertThat(search).contains(
                "pb_find 'debian for lab '\\''room 2'\\'' $x | 953.7 mib' /linux/debian-live.iso 'Debian for lab '\\''room 2'\\'' $x | 953.7 MiB' \"${pb_data}\"/linux/debian-live.iso 1953124 1953125",
                "pb_find 'arch linux 2024.01.01 live (amd64) - arch/arch it'\\''s $x.iso | 858.3 mib' '/arch/arch it'\\''s $x.iso'");
        // one line per visible image; hidden images cannot be found either
        assertThat(search.lines().filter(l -> l.startsWith("pb_find "))).hasSize(
                (int) cfg.lines().filter(l -> l.startsWith("pb_cat ")).count());
        assertThat(search).doesNotContain("/win/win11.iso");
        assertThat(cfg.indexOf("submenu 'Search images...'")).isGreaterThan(cfg.lastIndexOf("\npb_cat "));
    }

    @Test
    void noCatalogueNoSearch() {
        assertThat(CatalogMenu.cfg(List.of(), CatalogMenuTest.DATA, StickConfig.NONE)).doesNotContain("Search images");
    }

    @Test
    void haystacksLowerCaseAsciiLettersOnly() {
        assertThat(CatalogSearch.haystack("Ärger DEBIAN 12 (AMD64)")).isEqualTo("Ärger debian 12 (amd64)");
        assertThat(CatalogSearch.matches("IPXE", "iPXE - tools/net/ipxe.iso", "/tools/net/ipxe.iso")).isTrue();
        assertThat(CatalogSearch.matches("net/", "Network boot", "/tools/net/ipxe.iso")).isTrue();
        assertThat(CatalogSearch.matches("zzqx", "Network boot", "/tools/net/ipxe.iso")).isFalse();
    }
}
