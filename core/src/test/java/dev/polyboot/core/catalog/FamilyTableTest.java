package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The family table on each family's layout (a host directory, apart from the ISO reader): which family wins,
 * the title, and the recipe's kernel, initrds and "boot from ISO file" argument.
 */
class FamilyTableTest {
    @TempDir
    Path tmp;

    IsoClassifier.Result classify(String layout) throws Exception {
        FamilyLayouts.Layout l = FamilyLayouts.named(layout);
        Path dir = Files.createDirectories(tmp.resolve(layout));
        FamilyLayouts.write(l, dir);
        return IsoClassifier.classify(layout + ".iso", 100_000_000L, new DirectoryContent(dir, l.volumeId()), false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            debian-live        | debian-live   | Debian 12 Live (amd64)             | /live/vmlinuz                      | live-media=/dev/polyboot/iso
            kali               | debian-live   | Kali Linux Live (amd64)            | /live/vmlinuz-6.5.0-kali3-amd64    | live-media=/dev/polyboot/iso
            clonezilla         | debian-live   | Clonezilla Live (amd64)            | /live/vmlinuz                      | live-media=/dev/polyboot/iso
            ubuntu             | casper        | Ubuntu 22.04.3 Live (amd64)        | /casper/vmlinuz                    | live-media=/dev/polyboot/iso
            mint               | casper        | Linux Mint 21.2 Live (amd64)       | /casper/vmlinuz                    | live-media=/dev/polyboot/iso
            fedora-live        | dracut-live   | Fedora 39 Live (amd64, i386)       | /images/pxeboot/vmlinuz            | root=live:CDLABEL=Fedora-WS-Live-39-1-5
            fedora-netinst     | anaconda      | Fedora 39 Installer (amd64)        | /images/pxeboot/vmlinuz            | inst.stage2=hd:LABEL=Fedora-E-dvd-x86_64-39
            arch               | archiso       | Arch Linux 202401 Live (amd64)     | /arch/boot/x86_64/vmlinuz-linux    | archisodevice=/dev/polyboot/iso
            endeavouros        | archiso       | EndeavourOS 202401 Live (amd64)    | /arch/boot/x86_64/vmlinuz-linux    | archisodevice=/dev/polyboot/iso
            sysrescue          | sysrescue     | SystemRescue 1001 (amd64)          | /sysresc/boot/x86_64/vmlinuz       | archisobasedir=sysresc
            manjaro            | manjaro       | Manjaro 2310 Live (amd64)          | /boot/vmlinuz-x86_64               | misodevice=/dev/polyboot/iso
            opensuse-live      | opensuse-live | openSUSE Leap 15.5 Live (amd64)    | /boot/x86_64/loader/linux          | root=live:CDLABEL=openSUSE_Leap_15.5_KDE_Live
            opensuse-installer | opensuse      | openSUSE Tumbleweed Installer (amd64) | /boot/x86_64/loader/linux       | isofrom_device=/dev/disk/by-uuid/${dataUuid}
            alpine             | alpine        | Alpine Linux 3.19.0 (amd64)        | /boot/vmlinuz-lts                  | iso-scan/filename=${iso}
            tinycore           | tinycore      | Tiny Core Linux                    | /boot/vmlinuz                      | iso=UUID=${dataUuid}${iso}
            tails              | tails         | Tails 5.20 Live                    | /live/vmlinuz                      | live-media=/dev/polyboot/iso
            gentoo             | gentoo        | Gentoo 20240107 (amd64)            | /boot/gentoo                       | isoboot=${iso}
            """)
    void linuxFamilies(String layout, String family, String title, String kernel, String isoArg) throws Exception {
        IsoClassifier.Result r = classify(layout);
        assertThat(r.family().id()).isEqualTo(family);
        assertThat(r.title()).isEqualTo(title);
        assertThat(r.recipe()).isInstanceOfSatisfying(BootRecipe.Linux.class, l -> {
            assertThat(l.kernel()).isEqualTo(kernel);
            assertThat(l.args()).contains(isoArg);
            assertThat(l.modes()).containsExactly(BootMode.BIOS, BootMode.UEFI);
        });
        assertThat(r.reason()).startsWith(r.family().name() + ": ").contains("found; booting " + kernel);
    }

    @Test
    void initrdsInLoadOrderMicrocodeFirstAndOptionalOnesSkipped() throws Exception {
        assertThat(((BootRecipe.Linux) classify("arch").recipe()).initrds()).containsExactly(
                "/arch/boot/intel-ucode.img", "/arch/boot/amd-ucode.img", "/arch/boot/x86_64/initramfs-linux.img");
        assertThat(((BootRecipe.Linux) classify("endeavouros").recipe()).initrds()).containsExactly("/arch/boot/x86_64/initramfs-linux.img");
        assertThat(((BootRecipe.Linux) classify("mint").recipe()).initrds()).containsExactly("/casper/initrd.lz");
        // a versioned kernel gets the initrd with its own version, not the first one in the directory
        assertThat(((BootRecipe.Linux) classify("kali").recipe()).initrds()).containsExactly("/live/initrd.img-6.5.0-kali3-amd64");
    }

    @Test
    void exactCaseOfTheIsoIsKeptForGrub() throws Exception {
        // GRUB compares Rock Ridge / Joliet names case-sensitively: the recipe must carry the ISO's spelling.
        IsoClassifier.Result r = classify("debian-live");
        assertThat(r.firmware()).containsExactly(BootMode.UEFI); // /EFI/boot/bootx64.efi, found case-insensitively
    }

    @Test
    void loopbackCfgRoutes() throws Exception {
        IsoClassifier.Result di = classify("debian-installer");
        assertThat(di.family().id()).isEqualTo("debian-installer");
        assertThat(di.title()).isEqualTo("Debian 12.4.0 Installer (amd64)");
        assertThat(di.recipe()).isEqualTo(new BootRecipe.LoopbackConfig("/boot/grub/loopback.cfg", List.of(BootMode.BIOS, BootMode.UEFI)));
        assertThat(classify("nixos").recipe()).isInstanceOf(BootRecipe.LoopbackConfig.class);
        assertThat(classify("nixos").title()).isEqualTo("NixOS 23.11 (amd64)");
        IsoClassifier.Result generic = classify("loopback-only");
        assertThat(generic.family().id()).isEqualTo("loopback-cfg");
        assertThat(generic.reason()).isEqualTo("GRUB loopback.cfg: /boot/grub/loopback.cfg found; booting the ISO's own loopback.cfg with iso_path set");
    }

    @Test
    void windowsIsRecognisedAndGetsAMessage() throws Exception {
        IsoClassifier.Result w = classify("windows");
        assertThat(w.family().id()).isEqualTo("windows");
        assertThat(w.title()).isEqualTo("Windows Setup (amd64)");
        assertThat(w.recipe()).isEqualTo(new BootRecipe.Message("Windows setup images cannot be booted yet"));
    }

    @Test
    void noFamilyAndNoLoaderIsAMessage() throws Exception {
        IsoClassifier.Result r = classify("no-loader");
        assertThat(r.family()).isNull();
        assertThat(r.title()).isEqualTo("DATA");
        assertThat(r.recipe()).isInstanceOf(BootRecipe.Message.class);
    }

    @Test
    void untestedRecipesSaySo() throws Exception {
        assertThat(classify("alpine").notes()).anyMatch(n -> n.contains("no boot test proves it yet"));
        assertThat(classify("debian-live").notes()).noneMatch(n -> n.contains("no boot test proves it yet"));
        assertThat(classify("fedora-live").notes()).noneMatch(n -> n.contains("no boot test proves it yet"));
    }
}
