package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.boot.MenuScan;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.catalog.ImageType;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The on-stick catalogue through add, refresh, remove and list; read back through an independent path (the raw volume). */
class CatalogTest extends StickLibraryTest {
    static final long SIZE = 256L << 20;

    @Override
    long seed() {
        return 21;
    }

    @Override
    long stickBytes() {
        return SIZE;
    }

    /** A minimal PE image: DOS header with e_lfanew, "PE\0\0", COFF machine. */
    /** The smallest PE32+ EFI application header the PE reader accepts: no sections, 16 empty data directories. */
    static byte[] pe(int machine) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3C, 0x80).putInt(0x80, 0x00004550).putShort(0x84, (short) machine);
        b.putShort(0x80 + 20, (short) 240).putShort(0x98, (short) 0x20B).putShort(0x98 + 68, (short) 10).putInt(0x98 + 108, 16);
        return b.array();
    }

    Path file(String name, byte[] content) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    ExfatVolume data(FileBlockDevice dev) throws Exception {
        return ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK);
    }

    String readText(String path) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            return new String(Channels.newInputStream(v.open(path)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    boolean exists(String path) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); ExfatVolume v = data(dev)) {
            return v.stat(path).isPresent();
        }
    }

    @Test
    void addClassifiesAndWritesCatalogueCfgAndMarkers() throws Exception {
        List<AddedImage> added = lib.add(stick, List.of(file("shell.efi", pe(0x8664)), file("blob.img", random(70_000, 1))),
                "/tools", true, ProgressListener.NONE).added();
        assertThat(added.get(0).report().type()).isEqualTo(ImageType.EFI_PROGRAM);
        assertThat(added.get(0).report().recipe()).isEqualTo(new BootRecipe.Program(List.of(BootMode.UEFI)));
        assertThat(added.get(1).report().type()).isEqualTo(ImageType.UNKNOWN);

        Catalog c = Catalog.fromJson(readText(CatalogMenu.JSON).getBytes());
        assertThat(c.version()).isEqualTo(Catalog.VERSION);
        assertThat(c.polyboot()).isEqualTo("0.1.0-test");
        assertThat(c.dataUuid()).matches("[0-9A-F]{4}-[0-9A-F]{4}");
        assertThat(c.entries()).extracting(CatalogEntry::path).containsExactly("/tools/blob.img", "/tools/shell.efi");
        assertThat(c.entries().get(1).architectures()).containsExactly("amd64");
        // catalog.cfg tells grub.cfg's scan the catalogued files in the order it meets them: directory order, not the menu's
        CatalogMenu.Files files = c.toGrubFiles(dev.polyboot.core.config.StickConfig.NONE, java.util.Map.of(),
                List.of("/tools/shell.efi", "/tools/blob.img"));
        assertThat(readText(CatalogMenu.CFG)).isEqualTo(files.catalog())
                .contains("function pb_scan_known {\n  pb_scan_walk \"${pb_data}\"/tools/shell.efi \"${pb_data}\"/tools/blob.img\n}");
        assertThat(readText(CatalogMenu.SEARCH_CFG)).isEqualTo(files.search()).contains("pb_find ");
        // the free space of this write is kept in the catalogue and, for the menu's header, in a GRUB environment block
        assertThat(c.dataFree()).isNotNull().isPositive();
        assertThat(readText(dev.polyboot.core.boot.MenuFacts.PATH)).hasSize(1024)
                .contains("\npb_free=" + dev.polyboot.core.api.Bytes.human(c.dataFree()) + "\n#").startsWith("# GRUB Environment Block\n");
        assertThat(exists(CatalogMenu.markerPath("/tools/shell.efi"))).isTrue();
        assertThat(exists(CatalogMenu.markerPath("/tools/blob.img"))).isTrue();
        assertThat(exists(CatalogMenu.CFG + ".tmp")).isFalse();

        List<MenuItem> menu = lib.list(stick);
        assertThat(menu).extracting(MenuItem::title).containsExactly("blob - tools/blob.img | 68.4 KiB", "shell (amd64) - tools/shell.efi | 4.0 KiB");
        assertThat(menu).allMatch(MenuItem::catalogued);
        assertThat(menu.get(1).modes()).containsExactly(BootMode.UEFI);

        Path cfg = Files.writeString(tmp.resolve("catalog.cfg"), readText(CatalogMenu.CFG));
        Tools.run("grub-script-check", cfg.toString()).assertOk();
    }

    /** A WIM or PE signature over a damaged header: add still catalogues it, typed, as a message entry. */
    @Test
    void damagedHeadersAreCataloguedAsMessages() throws Exception {
        byte[] wim = new byte[4096];
        System.arraycopy("MSWIM\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, wim, 0, 8);
        byte[] efi = pe(0x8664);
        efi[0x98] = 0x34; // optional header magic: neither PE32 nor PE32+
        List<AddedImage> added = lib.add(stick, List.of(file("bad.wim", wim), file("bad.efi", efi)), "/", ProgressListener.NONE).added();
        assertThat(added).extracting(a -> a.report().type()).containsExactly(ImageType.WIM, ImageType.EFI_PROGRAM);
        assertThat(added).allSatisfy(a -> {
            assertThat(a.report().recipe()).isInstanceOf(BootRecipe.Message.class);
            assertThat(a.report().notes()).singleElement().asString().startsWith("damaged: ").contains(" at offset ");
        });
        Path cfg = Files.writeString(tmp.resolve("catalog.cfg"), readText(CatalogMenu.CFG));
        Tools.run("grub-script-check", cfg.toString()).assertOk();
    }

    @Test
    void jsonRoundTripIsExact() throws Exception {
        lib.add(stick, List.of(file("a.efi", pe(0xaa64)), file("b.img", random(1000, 2))), "/", true, ProgressListener.NONE).added();
        String json = readText(CatalogMenu.JSON);
        Catalog c = Catalog.fromJson(json.getBytes());
        assertThat(c.toJson()).isEqualTo(json);
        assertThat(Catalog.fromJson(c.toJson().getBytes())).isEqualTo(c);
        assertThat(c.entries().get(0).recipe()).isInstanceOf(BootRecipe.Message.class); // arm64 EFI program on an x86 menu
    }

    @Test
    void staleAndGoneEntries() throws Exception {
        lib.add(stick, List.of(file("one.efi", pe(0x8664)), file("two.efi", pe(0x8664)), file("three.efi", pe(0x8664))),
                "/", true, ProgressListener.NONE).added();
        try (FileBlockDevice dev = FileBlockDevice.open(img, false); ExfatVolume v = data(dev)) {
            v.delete("/two.efi"); // gone: still in the menu (GRUB checks when it is chosen), route "changed"
            v.delete("/three.efi"); // replaced by a file of another size: the same
            v.writeFile("/three.efi", new ByteArrayInputStream(new byte[10_000]), 10_000);
            v.writeFile("/four.efi", new ByteArrayInputStream(pe(0x8664)), 4096); // copied by hand: scan part
            v.flush();
        }
        assertThat(lib.list(stick)).extracting(MenuItem::title, MenuItem::catalogued, MenuItem::route).containsExactly(
                org.assertj.core.groups.Tuple.tuple("one (amd64) - one.efi | 4.0 KiB", true, "program"),
                org.assertj.core.groups.Tuple.tuple("three (amd64) - three.efi | 4.0 KiB", true, MenuScan.CHANGED),
                org.assertj.core.groups.Tuple.tuple("two (amd64) - two.efi | 4.0 KiB", true, MenuScan.CHANGED),
                org.assertj.core.groups.Tuple.tuple("four.efi", false, "scan")); // its marker keeps three.efi out of the scan
        // remove of the gone file drops its entry (and says it was gone); a path neither there nor catalogued is still refused
        List<String> said = new java.util.ArrayList<>();
        lib.remove(stick, "/two.efi", new ProgressListener() {
            @Override public void progress(String phase, long bytesDone, long bytesTotal) { }
            @Override public void warning(String message) { said.add(message); }
        });
        assertThat(said).containsExactly("/two.efi was already gone from the stick; its menu entry is removed");
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/one.efi", "/three.efi", "/four.efi");
        assertThat(exists(CatalogMenu.markerPath("/two.efi"))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lib.remove(stick, "/two.efi"))
                .isInstanceOf(dev.polyboot.formats.NoSuchEntryException.class);

        Catalog c = lib.refresh(stick, ProgressListener.NONE);
        assertThat(c.entries()).extracting(CatalogEntry::path).containsExactly("/four.efi", "/one.efi", "/three.efi");
        assertThat(c.entries().get(2).type()).isEqualTo(ImageType.UNKNOWN); // 10,000 zero bytes
        assertThat(exists(CatalogMenu.markerPath("/two.efi"))).isFalse();
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/four.efi", "/one.efi", "/three.efi");
        assertThat(lib.list(stick)).allMatch(MenuItem::catalogued);
    }

    @Test
    void removeDropsTheEntryAndItsMarker() throws Exception {
        lib.add(stick, List.of(file("x.efi", pe(0x8664)), file("y.efi", pe(0x8664))), "/", true, ProgressListener.NONE).added();
        lib.remove(stick, "/x.efi");
        assertThat(Catalog.fromJson(readText(CatalogMenu.JSON).getBytes()).entries()).extracting(CatalogEntry::path).containsExactly("/y.efi");
        assertThat(exists(CatalogMenu.markerPath("/x.efi"))).isFalse();
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/y.efi");
    }

    @Test
    void refreshOnAStickWithoutCatalogueCataloguesHandCopiedFilesInNestedFolders() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, false); ExfatVolume v = data(dev)) {
            v.mkdirs("/a/b/c/d/e");
            v.writeFile("/a/b/c/d/e/deep.efi", new ByteArrayInputStream(pe(0x8664)), 4096);
            v.writeFile("/z.efi", new ByteArrayInputStream(pe(0x014c)), 4096);
            v.writeFile("/.hidden.efi", new ByteArrayInputStream(pe(0x8664)), 4096);
            v.flush();
        }
        assertThat(lib.list(stick)).extracting(MenuItem::path).containsExactly("/z.efi"); // deep is below the scan depth
        Catalog c = lib.refresh(stick, ProgressListener.NONE);
        assertThat(c.entries()).extracting(CatalogEntry::path).containsExactly("/a/b/c/d/e/deep.efi", "/z.efi");
        assertThat(lib.list(stick)).extracting(MenuItem::title).containsExactly("deep (amd64) - a/b/c/d/e/deep.efi | 4.0 KiB", "z (i386) - z.efi | 4.0 KiB");
        LoopDevicesOracle.fsckData(img, layout);
    }

    static final class LoopDevicesOracle {
        static void fsckData(Path img, StickLayout l) {
            ImageLibraryTest.LoopDevicesOracle.fsckData(img, l);
        }
    }
}
