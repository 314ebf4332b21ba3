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
 * catalog.cfg from a catalogue with every recipe kind: valid for GRUB's parser, pinned by a golden file
 * (regenerate with -Dpolyboot.updateGolden=true), sorted by path, hostile names quoted.
 */
class CatalogMenuTest {
    static final String GOLDEN = "golden/catalog.cfg";

    static List<CatalogMenuEntry> entries() {
        return List.of(
                new CatalogMenuEntry("/linux/debian-live.iso", "Debian 12 Live (amd64)", 1_000_000_000L, "debian-live",
                        new BootRecipe.Linux("/live/vmlinuz", List.of("/live/initrd.img"),
                                List.of("boot=live", "components", "findiso=${iso}"), List.of(BootMode.BIOS, BootMode.UEFI))),
                new CatalogMenuEntry("/Arch/arch it's $x.iso", "Arch Linux 2024.01.01 Live (amd64)", 900_000_000L, "archiso",
                        new BootRecipe.Linux("/arch/boot/x86_64/vmlinuz-linux",
                                List.of("/arch/boot/intel-ucode.img", "/arch/boot/x86_64/initramfs-linux.img"),
                                List.of("archisobasedir=arch", "archisolabel=ARCH_202401", "img_dev=/dev/disk/by-uuid/${dataUuid}",
                                        "img_loop=${iso}"), List.of(BootMode.BIOS, BootMode.UEFI))),
                new CatalogMenuEntry("/tools/memtest86+x64.iso", "memtest86+ (amd64)", 6193152, "memtest86plus",
                        new BootRecipe.Program(List.of(BootMode.BIOS, BootMode.UEFI))),
                new CatalogMenuEntry("/nixos.iso", "NixOS 23.11 (amd64)", 0, "nixos",
                        new BootRecipe.LoopbackConfig("/boot/grub/loopback.cfg", List.of(BootMode.BIOS, BootMode.UEFI))),
                new CatalogMenuEntry("/win/Win11.iso", "Windows Setup", 6_000_000_000L, "windows",
                        new BootRecipe.Message("Windows setup images cannot be booted yet")),
                new CatalogMenuEntry("/old32.iso", "Debian 12 Live (i386)", 512, "debian-live",
                        new BootRecipe.Linux("/live/vmlinuz", List.of("/live/initrd.img"), List.of("findiso=${iso}"), List.of(BootMode.BIOS))),
                // the helper route: catalogued with a mapping (polyboot's writer), and without (added through a mount)
                new CatalogMenuEntry("/live/bookworm.iso", "Debian 12 Live (amd64)", 400_000_000L, "debian-live",
                        new BootRecipe.Linux("/live/vmlinuz-6.1.0-28-amd64", List.of("/live/initrd.img-6.1.0-28-amd64"),
                                List.of("boot=live", "components", "live-media=/dev/polyboot/iso"), List.of(BootMode.BIOS, BootMode.UEFI), true),
                        "d-live 12.8.0 st amd64", new IsoMapping(List.of(new IsoMapping.Run(1_048_576, 400_000_000L)), FP)),
                new CatalogMenuEntry("/fedora/Fedora Live.iso", "Fedora 39 Live (amd64)", 2_000_000_000L, "dracut-live",
                        new BootRecipe.Linux("/images/pxeboot/vmlinuz", List.of("/images/pxeboot/initrd.img"),
                                List.of("root=live:CDLABEL=Fedora-WS-Live-39-1-5", "rd.live.image"), List.of(BootMode.BIOS, BootMode.UEFI), true),
                        "Fedora-WS-Live-39-1-5", null));
    }

    static final String FP = "0123456789abcdef".repeat(4);
    static final DataPartition DATA = new DataPartition("1234-ABCD", "2a5f1c3b-01", 7_000_000_000L);

    static String render() {
        return CatalogMenu.cfg(entries(), DATA);
    }

    /** catalog.cfg followed by search.cfg, for checks that follow an image from its entry to its search line. */
    static String withSearch(StickConfig config) {
        CatalogMenu.Files f = CatalogMenu.files(entries(), DATA, config, java.util.Map.of(), List.of());
        assertThat(f.catalog()).isEqualTo(CatalogMenu.cfg(entries(), DATA, config));
        return f.catalog() + f.search();
    }

    @Test
    void passesGrubScriptCheck(@TempDir Path tmp) throws IOException {
        Path cfg = tmp.resolve("catalog.cfg");
        Files.writeString(cfg, render());
        Tools.run("grub-script-check", cfg.toString()).assertOk();
    }

    @Test
    void sortedByPathWithTheIsoPathAndUuidFilledIn() {
        String cfg = render();
        assertThat(cfg).containsSubsequence("/Arch/arch it", "/linux/debian-live.iso", "/nixos.iso", "/old32.iso",
                "/tools/memtest86+x64.iso", "/win/Win11.iso");
        assertThat(cfg).contains("findiso=/linux/debian-live.iso", "img_dev=/dev/disk/by-uuid/1234-ABCD",
                "'img_loop=/Arch/arch it'\\''s $x.iso'",
                "pb_cat 'Debian 12 Live (amd64) - linux/debian-live.iso | 953.7 MiB' \"${pb_data}\"/linux/debian-live.iso 1953124 1953125 linux both"
                        + " /live/vmlinuz /live/initrd.img boot=live components findiso=/linux/debian-live.iso",
                "pb_cat 'NixOS 23.11 (amd64) - nixos.iso | 0 bytes' \"${pb_data}\"/nixos.iso - - loopback-cfg both /boot/grub/loopback.cfg",
                "'/arch/boot/intel-ucode.img /arch/boot/x86_64/initramfs-linux.img'");
        assertThat(cfg).doesNotContain("${iso}", "${dataUuid}");
    }

    @Test
    void matchesGoldenFile() throws IOException {
        Golden.check(render(), "core", GOLDEN);
    }

    @Test
    void blockDeviceRecipesLoadTheHelperFirstAndNameTheImage() {
        String cfg = render();
        assertThat(cfg).contains("pb_cat 'Debian 12 Live (amd64) - live/bookworm.iso | 381.5 MiB' \"${pb_data}\"/live/bookworm.iso 781249 781250 isodev both"
                + " /live/vmlinuz-6.1.0-28-amd64 /live/initrd.img-6.1.0-28-amd64 boot=live components live-media=/dev/polyboot/iso"
                + " rdinit=/polyboot/init polyboot.fsuuid=1234-ABCD polyboot.part=2a5f1c3b-01 polyboot.size=7000000000"
                + " polyboot.ext=1048576+400000000 polyboot.iso=/live/bookworm.iso polyboot.fp=" + FP + " 'polyboot.label=d-live\\x2012.8.0\\x20st\\x20amd64'");
        // no mapping (written through a mount point): the helper finds the file by its path, percent-encoded
        assertThat(cfg).contains(" rdinit=/polyboot/init polyboot.fsuuid=1234-ABCD polyboot.part=2a5f1c3b-01 polyboot.size=7000000000"
                + " polyboot.iso=/fedora/Fedora%20Live.iso polyboot.label=Fedora-WS-Live-39-1-5");
        // the helper archive goes before the ISO's initrds only on the isodev kind
        assertThat(cfg).contains("set pb_pre=\"${pb_pbinit}\"", "set pb_pre=");
    }

    @Test
    void markerPathsMirrorImagePathsFiveLevelsDown() {
        assertThat(CatalogMenu.markerPath("/a/b.iso")).isEqualTo("/.polyboot/catalog/v1/by-path/a/b.iso");
        assertThat(CatalogMenu.MARKER_DIR.split("/")).hasSize(BootMenu.SCAN_DEPTH + 1); // "" + 4 names: never a scan result
    }

    static final String CONFIG_GOLDEN = "golden/catalog-config.cfg";
    /** Every phase-1 key of /polyboot.json: alias (with quotes to quote), hidden, timeout, default. */
    static final StickConfig CONFIG = StickConfig.NONE.set("timeout", "7").set("default", "/nixos.iso")
            .set("alias./linux/debian-live.iso", "Debian for lab 'room 2' $x").set("hidden./win/Win11.iso", "true")
            .set("alias./old32.iso", "Old laptops");

    @Test
    void theConfigurationShapesTheMenu(@TempDir Path tmp) throws IOException {
        String cfg = CatalogMenu.cfg(entries(), DATA, CONFIG);
        Path file = tmp.resolve("catalog.cfg");
        Files.writeString(file, cfg);
        Tools.run("grub-script-check", file.toString()).assertOk();
        Golden.check(cfg, "core", CONFIG_GOLDEN);
        assertThat(cfg).contains("pb_cat 'Debian for lab '\\''room 2'\\'' $x | 953.7 MiB' \"${pb_data}\"/linux/debian-live.iso 1953124 1953125 linux both",
                "pb_cat 'Old laptops | 512 bytes' \"${pb_data}\"/old32.iso 0 1 linux bios");
        assertThat(cfg).doesNotContain("Win11", "Windows setup images");
        // the settings come after every entry: catalog.cfg's default=1 is replaced by the default image's id
        assertThat(cfg).containsSubsequence("/tools/memtest86+x64.iso", "set timeout=7", "set default=pb-\"${pb_data}\"/nixos.iso");
        assertThat(cfg).contains("menuentry \"${pb_t}\" --id pb-\"${1}\" \"${@}\" {");
    }

    static final String MODES_GOLDEN = "golden/catalog-modes.cfg";

    /**
     * {@code mode./PATH}: memdisk puts the image's entry (and its search hit) under {@code grub_platform} pc as the
     * program kind, whose BIOS route is memdisk, and leaves UEFI as polyboot chose; loopback replaces the recipe by the
     * ISO's own /boot/grub/loopback.cfg everywhere; the other images are unchanged.
     */
    @Test
    void aModeReplacesTheImagesRecipe(@TempDir Path tmp) throws IOException {
        StickConfig modes = StickConfig.NONE.set("mode./linux/debian-live.iso", "memdisk").set("mode./old32.iso", "loopback");
        String cfg = CatalogMenu.cfg(entries(), DATA, modes);
        Path file = tmp.resolve("catalog.cfg");
        Files.writeString(file, cfg);
        Tools.run("grub-script-check", file.toString()).assertOk();
        Golden.check(cfg, "core", MODES_GOLDEN);
        String debian = "'Debian 12 Live (amd64) - linux/debian-live.iso | 953.7 MiB' \"${pb_data}\"/linux/debian-live.iso 1953124 1953125";
        assertThat(cfg).containsSubsequence("if test \"${grub_platform}\" = pc; then", "  pb_cat " + debian + " program", "else",
                "  pb_cat " + debian + " linux both /live/vmlinuz", "fi");
        assertThat(withSearch(modes)).containsSubsequence("Search images", "if test \"${grub_platform}\" = pc; then", "pb_find ", debian + " program", "else",
                debian + " linux both");
        assertThat(cfg).contains("pb_cat 'Debian 12 Live (i386) - old32.iso | 512 bytes' \"${pb_data}\"/old32.iso 0 1 loopback-cfg both /boot/grub/loopback.cfg")
                .doesNotContain("old32.iso | 512 bytes' linux");
        // the rest as without settings
        String plain = render();
        for (String line : plain.lines().filter(l -> l.startsWith("pb_cat ") && !l.contains("debian-live.iso") && !l.contains("old32.iso")).toList()) {
            assertThat(cfg).contains(line);
        }
    }

    @Test
    void withoutConfigurationTheMenuIsThePlainOne() {
        assertThat(CatalogMenu.cfg(entries(), DATA, StickConfig.NONE)).isEqualTo(render()).doesNotContain("set timeout", "set default=pb-");
    }

    static final String PASSWORDS_GOLDEN = "golden/catalog-passwords.cfg";
    static final String HASH = dev.polyboot.core.config.GrubPassword.hash("lab".toCharArray(), new byte[16], 1000);

    /**
     * Passwords on a folder and an image, none on the menu: GRUB's users are on, the protected entries (main menu and
     * search) carry --users=NAME, every other entry and the search submenu --unrestricted.
     */
    @Test
    void passwordsProtectTheirImagesOnly(@TempDir Path tmp) throws IOException {
        StickConfig c = StickConfig.NONE.set("password./tools", HASH).set("password./linux/debian-live.iso", HASH);
        String cfg = CatalogMenu.cfg(entries(), DATA, c);
        Path file = tmp.resolve("catalog.cfg");
        Files.writeString(file, cfg);
        Tools.run("grub-script-check", file.toString()).assertOk();
        Golden.check(cfg, "core", PASSWORDS_GOLDEN);
        assertThat(cfg).contains("set superusers=polyboot\nexport superusers\n", "password_pbkdf2 tools " + HASH,
                "password_pbkdf2 debian-live.iso " + HASH, "set pb_acc=--unrestricted\n",
                "menuentry \"${pb_t}\" --id pb-\"${1}\" \"${pb_acc}\" \"${@}\" {",
                "submenu 'Search images...' --unrestricted {");
        assertThat(cfg).doesNotContain("password_pbkdf2 polyboot ");
        // in the main menu and again in the search: set before the image's line, back to everyone after it
        for (String image : List.of("pb_cat 'memtest86+ (amd64) - tools/memtest86+x64.iso | 5.9 MiB'", "pb_find 'memtest86+ (amd64) - tools/memtest86+x64.iso | 5.9 mib'")) {
            assertThat(withSearch(c)).containsSubsequence("set pb_acc=--users=tools\n", image, "set pb_acc=--unrestricted\n");
        }
        assertThat(cfg).containsSubsequence("set pb_acc=--users=debian-live.iso\n", "pb_cat 'Debian 12 Live (amd64) - linux/debian-live.iso | 953.7 MiB'",
                "set pb_acc=--unrestricted\n", "pb_cat 'NixOS 23.11 (amd64) - nixos.iso | 0 bytes'");
    }

    @Test
    void aMenuPasswordLocksEveryImageEntry(@TempDir Path tmp) throws IOException {
        String cfg = CatalogMenu.cfg(entries(), DATA, StickConfig.NONE.set("password", HASH).set("password./tools", HASH));
        Path file = tmp.resolve("catalog.cfg");
        Files.writeString(file, cfg);
        Tools.run("grub-script-check", file.toString()).assertOk();
        assertThat(cfg).contains("password_pbkdf2 polyboot " + HASH, "set pb_acc=--users=polyboot\n")
                .containsSubsequence("set pb_acc=--users=tools\n", "pb_cat 'memtest86+ (amd64) - tools/memtest86+x64.iso | 5.9 MiB'", "set pb_acc=--users=polyboot\n");
        assertThat(cfg).doesNotContain("set pb_acc=--unrestricted");
    }

    @Test
    void anIgnoredConfigurationIsNamedByAnEntryAboveTheImages(@TempDir Path tmp) throws IOException {
        String problem = "/polyboot.json line 3: \"images./a.iso.hidden\": must be true or false";
        String cfg = CatalogMenu.cfg(entries(), DATA, StickConfig.ignored(problem));
        Path file = tmp.resolve("catalog.cfg");
        Files.writeString(file, cfg);
        Tools.run("grub-script-check", file.toString()).assertOk();
        assertThat(cfg).containsSubsequence("set default=2", "menuentry 'polyboot.json ignored: line 3: \"images./a.iso.hidden\": must be true or false' {",
                "pb_fail", "pb_cat 'Arch Linux 2024.01.01 Live (amd64) - Arch/arch it'\\''s $x.iso");
        // otherwise the plain menu: only the default's number differs
        assertThat(cfg.replaceAll("(?s)menuentry 'polyboot.json ignored.*?\n}\n", "").replace("default=2", "default=1")).isEqualTo(render());
    }

    static final String FOLDERS_GOLDEN = "golden/catalog-folders.cfg";

    /**
     * The folders view: root images in the main menu, each folder a submenu where its first image stands (nested like
     * the folders), a folder's alias as its title, a folder password on its submenu, the default through the ids.
     */
    @Test
    void foldersViewNestsSubmenusInListOrder(@TempDir Path tmp) throws IOException {
        StickConfig c = StickConfig.NONE.set("view", "folders").set("alias./tools", "Rescue tools").set("password./win", HASH)
                .set("default", "/linux/debian-live.iso").set("hidden./old32.iso", "true");
        String cfg = CatalogMenu.cfg(entries(), DATA, c);
        Path file = tmp.resolve("catalog.cfg");
        Files.writeString(file, cfg);
        Tools.run("grub-script-check", file.toString()).assertOk();
        Golden.check(cfg, "core", FOLDERS_GOLDEN);
        assertThat(cfg).containsSubsequence("set pb_found=1\n", "submenu Arch/ --unrestricted --id pb-dir/Arch {", "'/Arch/arch it",
                "set default=0\n}", "submenu fedora/", "submenu linux/", "/linux/debian-live.iso", "submenu live/",
                "pb_cat 'NixOS 23.11 (amd64) - nixos.iso | 0 bytes'", "submenu 'Rescue tools' --unrestricted --id pb-dir/tools {",
                "submenu win/ --users=win --id pb-dir/win {", "/win/Win11.iso", "submenu 'Search images...'",
                "set 'default=pb-dir/linux>pb-'\"${pb_data}\"/linux/debian-live.iso");
        assertThat(cfg).doesNotContain("/old32.iso 0 1");
        // without passwords a submenu has only its id
        assertThat(CatalogMenu.cfg(entries(), DATA, StickConfig.NONE.set("view", "folders"))).contains("submenu tools/ --id pb-dir/tools {");
        // the list view is the plain menu
        assertThat(CatalogMenu.cfg(entries(), DATA, StickConfig.NONE.set("view", "list"))).isEqualTo(render());
    }

    /** Sizes as the CLI prints them (expected texts written out here, not taken from the formatter under test). */
    @Test
    void titlesEndWithTheImagesSizeAliasesToo() {
        CatalogMenuEntry debian = new CatalogMenuEntry("/linux/d.iso", "Debian 12 Live (amd64)", 3_113_851_290L, "debian-live",
                new BootRecipe.Message("x"));
        CatalogMenuEntry tiny = new CatalogMenuEntry("/t.img", "tiny", 1023, null, new BootRecipe.Message("x"));
        assertThat(CatalogMenu.menuTitle(debian)).isEqualTo("Debian 12 Live (amd64) - linux/d.iso | 2.9 GiB");
        assertThat(CatalogMenu.menuTitle(debian, StickConfig.NONE)).isEqualTo("Debian 12 Live (amd64) - linux/d.iso | 2.9 GiB");
        assertThat(CatalogMenu.menuTitle(debian, StickConfig.NONE.set("alias./linux/d.iso", "Lab Debian"))).isEqualTo("Lab Debian | 2.9 GiB");
        assertThat(CatalogMenu.menuTitle(tiny)).isEqualTo("tiny - t.img | 1023 bytes");
        assertThat(CatalogMenu.menuTitle(new CatalogMenuEntry("/k.iso", "k", 1536, null, new BootRecipe.Message("x")))).isEqualTo("k - k.iso | 1.5 KiB");
        // the separator is ASCII: GRUB 2.06 draws anything above 0x7f as '?' on serial and on the BIOS text screen
        assertThat(CatalogMenu.SIZE_SEPARATOR).matches("\\p{ASCII}+");
    }

    @Test
    void sizedTitlesInTheListTheFoldersAndTheSearch() {
        StickConfig alias = StickConfig.NONE.set("alias./tools/memtest86+x64.iso", "Memory test");
        for (StickConfig c : List.of(alias, alias.set("view", "folders"))) {
            // the entry (in the main menu or its folder's submenu), then its search line
            assertThat(withSearch(c)).containsSubsequence("pb_cat 'Memory test | 5.9 MiB' \"${pb_data}\"/tools/memtest86+x64.iso 12095 12096 program",
                    "pb_find 'memory test | 5.9 mib' /tools/memtest86+x64.iso 'Memory test | 5.9 MiB' \"${pb_data}\"/tools/memtest86+x64.iso 12095 12096 program");
        }
    }

}
