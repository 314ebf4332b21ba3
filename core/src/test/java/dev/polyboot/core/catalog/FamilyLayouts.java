package dev.polyboot.core.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake CD/DVD trees, one per family, laid out as the real distributions lay out their ISOs (file names and the
 * texts that name them; the files themselves are a few bytes). {@link #write} puts one into a directory, from
 * which the tests build an ISO with xorriso.
 */
public final class FamilyLayouts {
    public record Layout(String name, String volumeId, Map<String, String> files) {}

    private FamilyLayouts() {}

    /** The layout as an ISO made by xorriso (Rock Ridge + Joliet), in {@code dir}. */
    public static Path iso(Layout l, Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve(l.name() + "-tree"));
        write(l, tree);
        Path iso = dir.resolve(l.name() + ".iso");
        dev.polyboot.formats.testing.Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", l.volumeId(),
                "-o", iso.toString(), tree.toString()).assertOk();
        return iso;
    }

    private static Layout layout(String name, String volumeId, String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        return new Layout(name, volumeId, files);
    }

    static final String K = "kernel";
    static final String I = "initrd";

    public static final List<Layout> ALL = List.of(
            layout("debian-live", "d-live 12.2.0 gn amd64",
                    "/live/vmlinuz", K, "/live/initrd.img", I, "/live/filesystem.squashfs", "sq",
                    "/.disk/info", "Debian GNU/Linux 12 \"Bookworm\" - Official Snapshot amd64 LIVE/INSTALL Binary 20231007-22:06",
                    "/EFI/boot/bootx64.efi", "MZ"),
            layout("kali", "Kali Live",
                    "/live/vmlinuz-6.5.0-kali3-amd64", K, "/live/initrd.img-6.4.0-kali1-amd64", I,
                    "/live/initrd.img-6.5.0-kali3-amd64", I, "/live/filesystem.squashfs", "sq",
                    "/live/filesystem.packages", "gparted\t1.5.0-1\nkali-defaults\t2023.4.0\n",
                    "/.disk/info", "Kali GNU/Linux Rolling \"Kali-last-snapshot\" - Official amd64 LIVE/INSTALL Binary 20231120"),
            layout("clonezilla", "3.1.1-27-amd64",
                    "/live/vmlinuz", K, "/live/initrd.img", I, "/live/filesystem.squashfs", "sq",
                    "/live/filesystem.packages", "clonezilla\t5.4.7-drbl1\n"),
            layout("ubuntu", "Ubuntu 22.04.3 LTS amd64",
                    "/casper/vmlinuz", K, "/casper/initrd", I, "/boot/grub/loopback.cfg", "menuentry x {\n}\n",
                    "/.disk/info", "Ubuntu 22.04.3 LTS \"Jammy Jellyfish\" - Release amd64 (20230807.2)",
                    "/EFI/BOOT/BOOTx64.EFI", "MZ"),
            layout("mint", "Linux Mint 21.2 Cinnamon 64-bit",
                    "/casper/vmlinuz", K, "/casper/initrd.lz", I,
                    "/.disk/info", "Linux Mint 21.2 \"Victoria\" - Release amd64 20230711"),
            layout("fedora-live", "Fedora-WS-Live-39-1-5",
                    "/LiveOS/squashfs.img", "sq", "/images/pxeboot/vmlinuz", K, "/images/pxeboot/initrd.img", I,
                    "/EFI/BOOT/BOOTX64.EFI", "MZ", "/EFI/BOOT/BOOTIA32.EFI", "MZ"),
            layout("fedora-netinst", "Fedora-E-dvd-x86_64-39",
                    "/images/install.img", "img", "/images/pxeboot/vmlinuz", K, "/images/pxeboot/initrd.img", I,
                    "/.treeinfo", "[general]\nfamily = Fedora\nversion = 39\narch = x86_64\n"),
            layout("debian-installer", "Debian 12.4.0 amd64 n",
                    "/install.amd/vmlinuz", K, "/install.amd/initrd.gz", I, "/boot/grub/loopback.cfg", "source /boot/grub/grub.cfg\n",
                    "/.disk/info", "Debian GNU/Linux 12.4.0 \"Bookworm\" - Official amd64 NETINST with firmware 20231210-17:56"),
            layout("arch", "ARCH_202401",
                    "/arch/boot/x86_64/vmlinuz-linux", K, "/arch/boot/x86_64/initramfs-linux.img", I,
                    "/arch/boot/intel-ucode.img", "u", "/arch/boot/amd-ucode.img", "u"),
            layout("endeavouros", "EOS_202401",
                    "/arch/boot/x86_64/vmlinuz-linux", K, "/arch/boot/x86_64/initramfs-linux.img", I),
            layout("sysrescue", "SYSRCD1001",
                    "/sysresc/boot/x86_64/vmlinuz", K, "/sysresc/boot/x86_64/sysresccd.img", I, "/sysresc/boot/intel_ucode.img", "u"),
            layout("manjaro", "MANJARO_KDEP_2310",
                    "/manjaro/x86_64/rootfs.sfs", "sq", "/boot/vmlinuz-x86_64", K, "/boot/initramfs-x86_64.img", I),
            layout("opensuse-live", "openSUSE_Leap_15.5_KDE_Live",
                    "/boot/x86_64/loader/linux", K, "/boot/x86_64/loader/initrd", I, "/LiveOS/squashfs.img", "sq"),
            layout("opensuse-installer", "openSUSE-Tumbleweed-DVD-x86_64",
                    "/boot/x86_64/loader/linux", K, "/boot/x86_64/loader/initrd", I, "/media.1/products", "p"),
            layout("alpine", "alpine-std 3.19.0 x86_64",
                    "/apks/x86_64/APKINDEX.tar.gz", "a", "/boot/vmlinuz-lts", K, "/boot/initramfs-lts", I),
            layout("tinycore", "Core",
                    "/boot/vmlinuz", K, "/boot/core.gz", I),
            layout("nixos", "nixos-minimal-23.11-x86_64",
                    "/nix-store.squashfs", "sq", "/boot/bzImage", K, "/boot/initrd", I, "/boot/grub/loopback.cfg", "menuentry x {\n}\n"),
            layout("tails", "TAILS 5.20 - 20231127",
                    "/live/vmlinuz", K, "/live/initrd.img", I, "/live/filesystem.squashfs", "sq", "/live/Tails.module", "m"),
            layout("gentoo", "Gentoo amd64 20240107",
                    "/image.squashfs", "sq", "/boot/gentoo", K, "/boot/gentoo.igz", I),
            layout("windows", "CCCOMA_X64FRE_EN-US_DV9",
                    "/sources/install.wim", "MSWIM", "/bootmgr", "b", "/efi/boot/bootx64.efi", "MZ"),
            layout("loopback-only", "MYDISTRO_1",
                    "/boot/grub/loopback.cfg", "menuentry x {\n}\n", "/boot/vmlinuz", K),
            layout("no-loader", "DATA",
                    "/readme.txt", "just data"));

    public static Layout named(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    public static void write(Layout l, Path dir) throws IOException {
        for (Map.Entry<String, String> f : l.files().entrySet()) {
            Path p = dir.resolve(f.getKey().substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
    }
}
