package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuScanTest {
    /** The layout of the QEMU test stick; GRUB showed exactly this order (MenuBootTest pins it under QEMU). */
    static MemoryVolume testStick() {
        return new MemoryVolume()
                .add("/tools/net/", 0)
                .add("/a/b/c/d/", 0)
                .add("/memtest86+x64.iso", 6193152)
                .add("/memtest.efi", 150000)
                .add("/tools/net/ipxe.iso", 2097152)
                .add("/tools/grub-rescue-cdrom.iso", 5081088)
                .add("/a/b/c/deep.ISO", 3)
                .add("/a/b/c/d/toodeep.iso", 2)
                .add("/.hidden.iso", 2)
                .add("/a/win 10;$x.wim", 2)
                .add("/zz.iso/", 0)
                .add("/notes.txt", 5)
                .add("/a/b/c/big.iso", (512L << 20) + 1);
    }

    @Test
    void levelByLevelInDirectoryOrderCaseInsensitiveHiddenAndDeepSkipped() throws IOException {
        List<MenuItem> items = MenuScan.items(testStick());
        assertThat(items).extracting(MenuItem::title).containsExactly(
                "memtest86+x64.iso", "memtest.efi",
                "tools/grub-rescue-cdrom.iso", "a/win 10;$x.wim",
                "tools/net/ipxe.iso",
                "a/b/c/deep.ISO", "a/b/c/big.iso");
        assertThat(items.get(0)).isEqualTo(new MenuItem("/memtest86+x64.iso", "memtest86+x64.iso", ImageKind.ISO, 6193152));
        assertThat(items).extracting(MenuItem::kind)
                .containsExactly(ImageKind.ISO, ImageKind.EFI, ImageKind.ISO, ImageKind.WIM, ImageKind.ISO, ImageKind.ISO, ImageKind.ISO);
    }

    @Test
    void notSortedButInDirectoryOrder() throws IOException {
        MemoryVolume v = new MemoryVolume().add("/z.iso", 1).add("/B.img", 1).add("/a.vhdx", 1).add("/c.VHD", 1);
        assertThat(MenuScan.items(v)).extracting(MenuItem::title).containsExactly("z.iso", "B.img", "a.vhdx", "c.VHD");
    }

    @Test
    void catalogueFirstLookedUpCaseInsensitivelyWithEachDirectoryListedOnce() throws IOException {
        MemoryVolume v = testStick();
        for (String p : List.of("/tools/net/ipxe.iso", "/memtest86+x64.iso", "/memtest.efi")) v.add(CatalogMenu.markerPath(p), 0);
        List<CatalogMenuEntry> catalogue = List.of(
                entry("/Tools/Net/IPXE.iso", 2097152, "iPXE"),   // case differs: found, as GRUB's exFAT finds it
                entry("/memtest86+x64.iso", 6193152, "memtest86+"),
                entry("/gone/away.iso", 1, "Gone"),              // folder gone: still listed (GRUB checks when chosen)
                entry("/memtest.efi", 1, "Memtest EFI"));        // size changed: the same; its marker keeps it out of the scan
        List<MenuItem> items = MenuScan.items(v, catalogue);
        assertThat(items).extracting(MenuItem::title, MenuItem::route).containsExactly(
                tuple("Gone - gone/away.iso | 1 bytes", MenuScan.CHANGED), tuple("Memtest EFI - memtest.efi | 1 bytes", MenuScan.CHANGED),
                tuple("memtest86+ - memtest86+x64.iso | 5.9 MiB", "program"), tuple("iPXE - Tools/Net/IPXE.iso | 2.0 MiB", "program"),
                tuple("tools/grub-rescue-cdrom.iso", "scan"), tuple("a/win 10;$x.wim", "scan"), tuple("a/b/c/deep.ISO", "scan"),
                tuple("a/b/c/big.iso", "scan"));
        assertThat(v.stats).as("only the name that matches ignoring case asks the volume").isEqualTo(1);
        assertThat(v.listed).as("each directory listed once").allSatisfy((dir, n) -> assertThat(n).as(dir).isEqualTo(1));
    }

    /**
     * {@code "show": "listed"}: only catalogued images listed themselves or below a listed folder, in catalogue order;
     * nothing from the scan (uncatalogued files), as grub.cfg skips its scan when catalog.cfg says pb_catalog=listed.
     */
    @Test
    void listedOnlyShowsListedCataloguedImagesAndNoScannedFile() throws IOException {
        MemoryVolume v = testStick();
        for (String p : List.of("/tools/net/ipxe.iso", "/memtest86+x64.iso", "/tools/grub-rescue-cdrom.iso")) v.add(CatalogMenu.markerPath(p), 0);
        List<CatalogMenuEntry> catalogue = List.of(entry("/tools/net/ipxe.iso", 2097152, "iPXE"),
                entry("/memtest86+x64.iso", 6193152, "memtest86+"), entry("/tools/grub-rescue-cdrom.iso", 5081088, "GRUB rescue"));
        dev.polyboot.core.config.StickConfig config = dev.polyboot.core.config.StickConfig.NONE
                .set("listed./tools", "true").set("hidden./tools/grub-rescue-cdrom.iso", "true").set("show", "listed");
        assertThat(MenuScan.items(MenuScan.Source.of(v), catalogue, config)).extracting(MenuItem::path).containsExactly("/tools/net/ipxe.iso");
        // show all: the same settings leave every image but the hidden one, scanned files included
        assertThat(MenuScan.items(MenuScan.Source.of(v), catalogue, config.set("show", "all"))).extracting(MenuItem::path)
                .contains("/memtest86+x64.iso", "/tools/net/ipxe.iso", "/memtest.efi").doesNotContain("/tools/grub-rescue-cdrom.iso");
    }

    private static CatalogMenuEntry entry(String path, long size, String title) {
        return new CatalogMenuEntry(path, title, size, null, new BootRecipe.Program(List.of(BootMode.BIOS)));
    }

    @Test
    void kindsByExtension() {
        assertThat(ImageKind.of("x.ISO")).contains(ImageKind.ISO);
        assertThat(ImageKind.of("x.vhdx")).contains(ImageKind.VHDX);
        assertThat(ImageKind.of(".iso")).isEmpty();
        assertThat(ImageKind.of("iso")).isEmpty();
        assertThat(ImageKind.of("x.iso.part")).isEmpty();
    }
}
