package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.config.StickConfig;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * catalog.cfg's in-menu search: one pb_find line per visible image with lower-cased title and path, after the
 * entries; valid for GRUB's parser. What GRUB does with it is proven by {@code SearchMenuBootTest}.
 */
class CatalogSearchTest {
    @Test
    void everyVisibleImageHasAFindLineWithLowerCaseHaystacks(@TempDir Path tmp) throws IOException {
        String cfg = CatalogMenu.cfg(CatalogMenuTest.entries(), CatalogMenuTest.DATA, CatalogMenuTest.CONFIG);
        Path file = tmp.resolve("catalog.cfg");
        Files.writeString(file, cfg);
        Tools.run("grub-script-check", file.toString()).assertOk();
        assertThat(cfg).contains("submenu 'Search images...' {", "read pb_word", "pb_search_word \"${pb_word}\"",
                "pb_find 'debian for lab '\\''room 2'\\'' $x | 953.7 mib' /linux/debian-live.iso \"${pb_data}\"/linux/debian-live.iso 1953124 1953125",
                "pb_find 'arch linux 2024.01.01 live (amd64) - arch/arch it'\\''s $x.iso | 858.3 mib' '/arch/arch it'\\''s $x.iso'");
        // hidden images cannot be found either
        assertThat(cfg).doesNotContain("/win/win11.iso");
        assertThat(cfg.indexOf("submenu 'Search images...'")).isGreaterThan(cfg.lastIndexOf("pb_cat \"${pb_data}\""));
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
