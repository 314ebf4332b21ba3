package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading the catalogue never blocks a command (M2, M5): the states a crash or damage leave, made with the raw exFAT
 * volume, then list / add / remove / refresh through the library. The oracle for "still listed" is {@code list},
 * which reproduces the boot menu (markers included).
 */
class CatalogRecoveryTest extends StickLibraryTest {

    @Override
    long seed() {
        return 22;
    }

    @BeforeEach
    void twoImages() throws Exception {
        lib.add(stick, List.of(file("one.efi", pe(0x8664)), file("two.efi", pe(0x8664))), "/", ProgressListener.NONE);
    }

    static byte[] pe(int machine) {
        return CatalogTest.pe(machine);
    }

    Path file(String name, byte[] content) throws Exception {
        return Files.write(tmp.resolve(name), content);
    }

    ExfatVolume data(FileBlockDevice dev) throws Exception {
        return ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK);
    }

    String readText(String path) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            return new String(Channels.newInputStream(v.open(path)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    boolean exists(String path) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            return v.stat(path).isPresent();
        }
    }

    void rawWrite(String path, byte[] bytes) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, false); ExfatVolume v = data(dev)) {
            if (v.stat(path).isPresent()) v.delete(path);
            v.writeFile(path, new ByteArrayInputStream(bytes), bytes.length);
            v.flush();
        }
    }

    void rawDelete(String path) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, false); ExfatVolume v = data(dev)) {
            v.delete(path);
            v.flush();
        }
    }

    List<String> catalogued() throws Exception {
        return lib.list(stick).stream().filter(MenuItem::catalogued).map(MenuItem::path).toList();
    }

    /** CatalogStore.replace deletes catalog.json, then renames catalog.json.tmp: a crash in between. */
    @Test
    void crashBetweenDeleteAndRenameThenAddKeepsEveryOlderImage() throws Exception {
        byte[] json = readText(CatalogMenu.JSON).getBytes(StandardCharsets.UTF_8);
        rawWrite(CatalogMenu.JSON + ".tmp", json);
        rawDelete(CatalogMenu.JSON);

        assertThat(lib.list(stick, listener)).extracting(MenuItem::path).containsExactly("/one.efi", "/two.efi");
        assertThat(warnings).singleElement().asString().contains("catalog.json is missing; using /.polyboot/catalog.json.tmp");

        lib.add(stick, List.of(file("three.efi", pe(0x8664))), "/", listener);
        assertThat(catalogued()).containsExactly("/one.efi", "/three.efi", "/two.efi");
        assertThat(exists(CatalogMenu.JSON + ".tmp")).isFalse();
        ImageLibraryTest.LoopDevicesOracle.fsckData(img, layout);
    }

    /** Both files gone but the markers of the old entries still there: add rebuilds what refresh would find. */
    @Test
    void missingCatalogueThenAddRebuildsTheOlderEntries() throws Exception {
        rawDelete(CatalogMenu.JSON);
        assertThat(exists(CatalogMenu.markerPath("/one.efi"))).isTrue(); // would hide one.efi from GRUB's scan
        lib.add(stick, List.of(file("three.efi", pe(0x8664))), "/", listener);
        assertThat(catalogued()).containsExactly("/one.efi", "/three.efi", "/two.efi");
        Catalog c = Catalog.fromJson(readText(CatalogMenu.JSON).getBytes(StandardCharsets.UTF_8));
        assertThat(c.entries()).extracting(CatalogEntry::path).containsExactly("/one.efi", "/three.efi", "/two.efi");
        assertThat(readText(CatalogMenu.CFG)).isEqualTo(c.toGrubFiles(dev.polyboot.core.config.StickConfig.NONE, java.util.Map.of(),
                List.of("/one.efi", "/two.efi", "/three.efi")).catalog());
    }

    @Test
    void unreadableCatalogueWarnsInListAddRemoveAndRefreshRebuildsIt() throws Exception {
        rawWrite(CatalogMenu.JSON, "{\"version\": 1, \"entries\": [ garbage".getBytes(StandardCharsets.UTF_8));

        assertThat(lib.list(stick, listener)).extracting(MenuItem::path).containsExactlyInAnyOrder("/one.efi", "/two.efi");
        assertThat(warnings).singleElement().asString().startsWith("unreadable catalogue /.polyboot/catalog.json")
                .endsWith("treated as no catalogue");

        warnings.clear();
        lib.remove(stick, "/two.efi", listener);
        assertThat(warnings).singleElement().asString().contains("unreadable catalogue");

        warnings.clear();
        lib.add(stick, List.of(file("three.efi", pe(0x8664))), "/", listener);
        assertThat(warnings).singleElement().asString().contains("unreadable catalogue");
        assertThat(catalogued()).containsExactly("/one.efi", "/three.efi");

        rawWrite(CatalogMenu.JSON, new byte[] {0, 1, 2});
        warnings.clear();
        Catalog c = lib.refresh(stick, listener);
        assertThat(warnings).singleElement().asString().contains("unreadable catalogue");
        assertThat(c.entries()).extracting(CatalogEntry::path).containsExactly("/one.efi", "/three.efi");
        warnings.clear();
        assertThat(catalogued()).containsExactly("/one.efi", "/three.efi");
        assertThat(lib.catalog(stick, listener)).contains(c);
        assertThat(warnings).isEmpty();
        ImageLibraryTest.LoopDevicesOracle.fsckData(img, layout);
    }

    @Test
    void aHalfWrittenTmpBesideAGoodCatalogueIsIgnored() throws Exception {
        rawWrite(CatalogMenu.JSON + ".tmp", "{\"vers".getBytes(StandardCharsets.UTF_8));
        assertThat(lib.list(stick, listener)).allMatch(MenuItem::catalogued).hasSize(2);
        assertThat(warnings).isEmpty();
    }
}
