package dev.polyboot.core.catalog;

import static dev.polyboot.core.catalog.Family.FileChoice.of;
import static dev.polyboot.core.catalog.Family.FileChoice.optional;

import dev.polyboot.core.catalog.Family.FileChoice;
import dev.polyboot.core.catalog.Family.Route;
import java.util.List;

/**
 * The classifier's family table, most specific first (the first family whose probes all match wins). Kernel
 * arguments are those of DESIGN section 3 and notes/live-recipes.md; {@code bootTested} marks the ones a QEMU
 * boot from an ISO file on exFAT has proved.
 */
public final class Families {
    private Families() {}

    private static final String UUID_DEV = "/dev/disk/by-uuid/${dataUuid}";
    /** The block device polyboot's initramfs helper makes of the ISO (payload/src/helper/README.md). */
    private static final String DEVICE = dev.polyboot.core.boot.PbinitArgs.DEVICE;
    /**
     * In an initrd candidate: what follows "vmlinuz" in the chosen kernel's name, so that a versioned kernel
     * gets its own initrd (live-build names both /live/vmlinuz-6.1.0-13-amd64, /live/initrd.img-6.1.0-13-amd64).
     */
    public static final String KERNEL_SUFFIX = "${kernelSuffix}";

    public static final List<Family> ALL = List.of(
            linux("tails", "Tails (live-boot)", "Tails", "Live", List.of("/live/Tails.module"),
                    List.of("/live/vmlinuz", "/live/vmlinuz*"), List.of(of("/live/initrd.img", "/live/initrd*")),
                    List.of("boot=live", "config", "module=Tails", "fromiso=${iso}"), "fromiso=", false, List.of("boot=live", "config", "module=Tails", "live-media=" + DEVICE)),
            linux("debian-live", "Debian live-boot", "Debian", "Live", List.of("/live/filesystem.squashfs|/live/vmlinuz*"),
                    List.of("/live/vmlinuz", "/live/vmlinuz*"),
                    List.of(of("/live/initrd.img" + KERNEL_SUFFIX, "/live/initrd.img", "/live/initrd*")),
                    List.of("boot=live", "components", "findiso=${iso}"), "findiso=", true, List.of("boot=live", "components", "live-media=" + DEVICE)),
            linux("casper", "Ubuntu casper", "Ubuntu", "Live", List.of("/casper"),
                    List.of("/casper/vmlinuz", "/casper/vmlinuz.efi", "/casper/vmlinuz*"),
                    List.of(of("/casper/initrd", "/casper/initrd.lz", "/casper/initrd.gz", "/casper/initrd*")),
                    List.of("boot=casper", "iso-scan/filename=${iso}"), "iso-scan/filename=", false, List.of("boot=casper", "live-media=" + DEVICE)),
            linux("opensuse-live", "openSUSE live (KIWI)", "openSUSE", "Live", List.of("/boot/x86_64/loader/linux", "/LiveOS"),
                    List.of("/boot/x86_64/loader/linux"), List.of(of("/boot/x86_64/loader/initrd")),
                    List.of("root=live:CDLABEL=${label}", "rd.live.image", "isofrom_device=" + UUID_DEV, "isofrom_system=${iso}"),
                    "isofrom_system=", false, List.of("root=live:CDLABEL=${label}", "rd.live.image")),
            linux("dracut-live", "dracut dmsquash-live", "Fedora", "Live", List.of("/LiveOS/squashfs.img|/LiveOS/rootfs.img"),
                    List.of("/images/pxeboot/vmlinuz", "/isolinux/vmlinuz", "/boot/x86_64/loader/linux", "/boot/vmlinuz*"),
                    List.of(of("/images/pxeboot/initrd.img", "/isolinux/initrd.img", "/boot/x86_64/loader/initrd", "/boot/initr*")),
                    List.of("root=live:CDLABEL=${label}", "rd.live.image", "iso-scan/filename=${iso}"), "iso-scan/filename=", true, List.of("root=live:CDLABEL=${label}", "rd.live.image")),
            linux("opensuse", "openSUSE installer (linuxrc)", "openSUSE", "Installer", List.of("/boot/x86_64/loader/linux"),
                    List.of("/boot/x86_64/loader/linux"), List.of(of("/boot/x86_64/loader/initrd")),
                    List.of("isofrom_device=" + UUID_DEV, "isofrom_system=${iso}"), "isofrom_system=", false, List.of()),
            linux("anaconda", "Anaconda installer", "Fedora", "Installer", List.of("/images/install.img"),
                    List.of("/images/pxeboot/vmlinuz", "/isolinux/vmlinuz"),
                    List.of(of("/images/pxeboot/initrd.img", "/isolinux/initrd.img")),
                    List.of("inst.stage2=hd:LABEL=${label}", "iso-scan/filename=${iso}"), "iso-scan/filename=", false, List.of("inst.stage2=hd:LABEL=${label}")),
            new Family("debian-installer", "Debian installer", "Debian", "Installer", List.of("/install.amd|/install.386|/install"),
                    Route.LOOPBACK_CFG_FIRST, List.of("/install.amd/vmlinuz", "/install.386/vmlinuz", "/install/vmlinuz"),
                    List.of(of("/install.amd/initrd.gz", "/install.386/initrd.gz", "/install/initrd.gz")),
                    List.of("iso-scan/filename=${iso}"), "iso-scan/filename=", false, List.of()),
            linux("archiso", "archiso", "Arch Linux", "Live", List.of("/arch/boot/x86_64/vmlinuz-linux"),
                    List.of("/arch/boot/x86_64/vmlinuz-linux"),
                    List.of(optional("/arch/boot/intel-ucode.img"), optional("/arch/boot/amd-ucode.img"),
                            of("/arch/boot/x86_64/initramfs-linux.img")),
                    List.of("archisobasedir=arch", "archisolabel=${label}", "img_dev=" + UUID_DEV, "img_loop=${iso}"), "img_loop=", false, List.of("archisobasedir=arch", "archisodevice=" + DEVICE)),
            linux("sysrescue", "archiso (SystemRescue)", "SystemRescue", "", List.of("/sysresc/boot/x86_64/vmlinuz"),
                    List.of("/sysresc/boot/x86_64/vmlinuz"),
                    List.of(optional("/sysresc/boot/intel_ucode.img"), optional("/sysresc/boot/amd_ucode.img"),
                            of("/sysresc/boot/x86_64/sysresccd.img")),
                    List.of("archisobasedir=sysresc", "archisolabel=${label}", "img_dev=" + UUID_DEV, "img_loop=${iso}"), "img_loop=", false, List.of("archisobasedir=sysresc", "archisodevice=" + DEVICE)),
            linux("manjaro", "manjaro-tools miso", "Manjaro", "Live", List.of("/manjaro", "/boot/vmlinuz-x86_64"),
                    List.of("/boot/vmlinuz-x86_64"),
                    List.of(optional("/boot/intel_ucode.img"), optional("/boot/amd_ucode.img"), of("/boot/initramfs-x86_64.img")),
                    List.of("misobasedir=manjaro", "misolabel=${label}", "img_dev=" + UUID_DEV, "img_loop=${iso}"), "img_loop=", false, List.of("misobasedir=manjaro", "misodevice=" + DEVICE)),
            linux("alpine", "Alpine", "Alpine Linux", "", List.of("/apks"),
                    List.of("/boot/vmlinuz-lts", "/boot/vmlinuz-virt", "/boot/vmlinuz*"),
                    List.of(of("/boot/initramfs-lts", "/boot/initramfs-virt", "/boot/initramfs*")),
                    List.of("modules=loop,squashfs,sd-mod,usb-storage", "iso-scan/filename=${iso}"), "iso-scan/filename=", false, List.of()),
            linux("tinycore", "Tiny Core", "Tiny Core Linux", "", List.of("/boot/core.gz|/boot/corepure64.gz"),
                    List.of("/boot/vmlinuz64", "/boot/vmlinuz"), List.of(of("/boot/corepure64.gz", "/boot/core.gz")),
                    List.of("iso=UUID=${dataUuid}${iso}"), "iso=", false, List.of()),
            new Family("nixos", "NixOS", "NixOS", "", List.of("/nix-store.squashfs"), Route.LOOPBACK_CFG_FIRST,
                    List.of("/boot/bzImage"), List.of(of("/boot/initrd")), List.of("findiso=${iso}"), "findiso=", false, List.of()),
            linux("gentoo", "Gentoo (genkernel)", "Gentoo", "", List.of("/image.squashfs", "/boot/gentoo"),
                    List.of("/boot/gentoo"), List.of(of("/boot/gentoo.igz")),
                    List.of("root=/dev/ram0", "init=/linuxrc", "looptype=squashfs", "loop=/image.squashfs", "cdroot", "isoboot=${iso}"),
                    "isoboot=", false, List.of()),
            special("windows", "Windows setup", "Windows", "Setup",
                    List.of("/sources/install.wim|/sources/install.esd|/sources/boot.wim"), Route.MESSAGE),
            special("loopback-cfg", "GRUB loopback.cfg", "", "", List.of("/boot/grub/loopback.cfg"), Route.LOOPBACK_CFG),
            special("ipxe", "iPXE", "iPXE", "", List.of("/ipxe.krn"), Route.PROGRAM),
            special("memtest86plus", "memtest86+", "memtest86+", "", List.of("/EFI/BOOT/memtest*|/boot/memtest*|/memtest*|volid:MT86PLUS"), Route.PROGRAM),
            special("grub-rescue", "GRUB rescue image", "GRUB rescue", "", List.of("/boot/grub/i386-pc|/boot/grub/x86_64-efi"), Route.PROGRAM),
            special("efi-shell", "UEFI shell", "UEFI shell", "", List.of("/EFI/BOOT/BOOTX64.EFI", "/EFI/BOOT/startup.nsh|/EFI/BOOT/shellx64.efi"),
                    Route.PROGRAM));

    private static Family linux(String id, String name, String distro, String edition, List<String> probes,
                                List<String> kernel, List<FileChoice> initrds, List<String> args, String isoParam, boolean tested,
                                List<String> deviceArgs) {
        return new Family(id, name, distro, edition, probes, Route.LINUX, kernel, initrds, args, isoParam, tested, deviceArgs);
    }

    private static Family special(String id, String name, String distro, String edition, List<String> probes, Route route) {
        return new Family(id, name, distro, edition, probes, route, List.of(), List.of(), List.of(), "", route != Route.MESSAGE, List.of());
    }

    public static Family byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such family: " + id));
    }
}
