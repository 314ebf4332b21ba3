package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.config.ConfigException;
import dev.polyboot.core.config.StickConfig;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /polyboot.json on a real stick image through ImageLibrary: config set writes the file and catalog.cfg follows (read
 * back through the raw exFAT volume), list shows the menu's titles, and a broken file gives the plain menu and a warning.
 */
class StickConfigLibraryTest extends StickLibraryTest {
    final ProgressListener progress = new ProgressListener() {
        @Override public void progress(String what, long done, long total) {}
        @Override public void warning(String message) { warnings.add(message); }
    };

    @Override
    long seed() {
        return 31;
    }

    @Override
    long stickBytes() {
        return 256L << 20;
    }

    @BeforeEach
    void stick() throws Exception {
        lib.add(stick, List.of(file("shell.efi", CatalogTest.pe(0x8664)), file("arm.efi", CatalogTest.pe(0xaa64)),
                file("old.efi", CatalogTest.pe(0x8664))), "/tools", true, ProgressListener.NONE);
    }

    Path file(String name, byte[] content) throws Exception {
        return Files.write(tmp.resolve(name), content);
    }

    String readText(String path) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK)) {
            return new String(Channels.newInputStream(v.open(path)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void setWritesTheFileAndTheMenuFollows() throws Exception {
        assertThat(lib.config(stick)).isEmpty();
        lib.setConfig(stick, "alias./tools/shell.efi", "UEFI shell (lab)", progress);
        lib.setConfig(stick, "hidden./tools/old.efi", "true", progress);
        lib.setConfig(stick, "timeout", "5", progress);
        StickConfig c = lib.setConfig(stick, "default", "/tools/shell.efi", progress);
        assertThat(warnings).isEmpty();
        assertThat(lib.config(stick)).contains(c);
        assertThat(readText(StickConfig.PATH)).contains("\"alias\" : \"UEFI shell (lab)\"", "\"timeout\" : 5");

        String cfg = readText(CatalogMenu.CFG);
        Catalog catalog = Catalog.fromJson(readText(CatalogMenu.JSON).getBytes(StandardCharsets.UTF_8));
        // the hidden image is in the scan's list too: its marker keeps it out of the menu either way
        assertThat(cfg).isEqualTo(catalog.toGrubFiles(c, java.util.Map.of(), List.of("/tools/shell.efi", "/tools/arm.efi", "/tools/old.efi")).catalog())
                .contains("'UEFI shell (lab) | 4.0 KiB'", "set timeout=5", "set default=pb-\"${pb_data}\"/tools/shell.efi")
                .doesNotContain("/tools/old.efi ");
        Tools.run("grub-script-check", Files.writeString(tmp.resolve("catalog.cfg"), cfg).toString()).assertOk();

        // list is the menu: the alias as title, the hidden image left out (its marker keeps the scan away too)
        assertThat(lib.list(stick)).extracting(MenuItem::path, MenuItem::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/tools/arm.efi", "arm (arm64) - tools/arm.efi | 4.0 KiB"),
                org.assertj.core.groups.Tuple.tuple("/tools/shell.efi", "UEFI shell (lab) | 4.0 KiB"));

        // refresh and add keep the configuration in the menu
        lib.refresh(stick, progress);
        assertThat(readText(CatalogMenu.CFG)).contains("'UEFI shell (lab) | 4.0 KiB'", "set timeout=5").doesNotContain("/tools/old.efi ");
        lib.add(stick, List.of(file("new.efi", CatalogTest.pe(0x8664))), "/", true, progress);
        assertThat(readText(CatalogMenu.CFG)).contains("'UEFI shell (lab) | 4.0 KiB'", "set timeout=5").doesNotContain("/tools/old.efi ");
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/new.efi", "/tools/arm.efi", "/tools/shell.efi");

        // an empty value removes the key: the image is back
        lib.setConfig(stick, "hidden./tools/old.efi", "", progress);
        assertThat(lib.list(stick)).extracting(MenuItem::path).contains("/tools/old.efi");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aBrokenFileGivesThePlainMenuAndAWarning() throws Exception {
        lib.setConfig(stick, "alias./tools/shell.efi", "Shell", progress);
        String plainTitles = "shell (amd64) - tools/shell.efi | 4.0 KiB";
        // replaced by hand with a file whose timeout is text (a copy onto the stick, as a file manager would)
        lib.remove(stick, StickConfig.PATH, progress);
        lib.add(stick, List.of(file("polyboot.json", "{\"version\": 1,\n  \"menu\": {\"timeout\": \"ten\"}}\n".getBytes())),
                "/", true, progress);
        warnings.clear();

        assertThat(lib.list(stick, progress)).extracting(MenuItem::title).contains(plainTitles);
        assertThat(warnings).singleElement().asString()
                .startsWith("/polyboot.json line 2: \"timeout\": must be a whole number")
                .endsWith("the configuration is ignored, the menu is the plain one");
        warnings.clear();
        lib.refresh(stick, progress);
        assertThat(warnings).singleElement().asString().contains("\"timeout\"");
        assertThat(readText(CatalogMenu.CFG)).contains(plainTitles).doesNotContain("'Shell | 4.0 KiB'", "set timeout");

        assertThatThrownBy(() -> lib.config(stick)).isInstanceOf(ConfigException.class).hasMessageContaining("line 2");
        // set does not overwrite what the person wrote: they fix it first
        assertThatThrownBy(() -> lib.setConfig(stick, "timeout", "10", progress)).isInstanceOf(ConfigException.class);
        assertThat(readText(StickConfig.PATH)).contains("\"ten\"");
    }
}
