package dev.polyboot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ISO's own boot menu read from configs written as the distributions ship them (live-build bookworm,
 * Ubuntu 22.04 casper, Fedora 39 live, archiso, a grub-mkrescue dracut live ISO), over directory trees; and
 * once through the ISO 9660 reader the classifier uses, on an ISO made by xorriso.
 */
class IsoBootConfigsTest {
    @TempDir
    Path tmp;

    static final String DEBIAN_KERNEL = "/live/vmlinuz-6.1.0-13-amd64";
    static final String DEBIAN_INITRD = "/live/initrd.img-6.1.0-13-amd64";

    // live-build 1:20230502 (bookworm): loopback.cfg only sources grub.cfg, which sources config.cfg
    static final String LIVE_BUILD_GRUB_CFG = """
            source /boot/grub/config.cfg

            # Live boot
            menuentry "Live system (amd64)" --hotkey=l {
            	linux	/live/vmlinuz-6.1.0-13-amd64 boot=live components quiet splash findiso=${iso_path}
            	initrd	/live/initrd.img-6.1.0-13-amd64
            }
            menuentry "Live system (amd64 fail-safe mode)" {
            	linux	/live/vmlinuz-6.1.0-13-amd64 boot=live components memtest noapic noapm nodma nomce nolapic nosmp nosplash vga=788 findiso=${iso_path}
            	initrd	/live/initrd.img-6.1.0-13-amd64
            }

            # Installer (if any)
            source	/boot/grub/install_start.cfg
            submenu 'Advanced install options...' --hotkey=a {

            	source /boot/grub/theme.cfg

            	source	/boot/grub/install.cfg

            }

            submenu 'Utilities...' --hotkey=u {

            	source /boot/grub/theme.cfg

            	# Memtest (if any)
            	menuentry "Memory Diagnostic Tool (memtest86+)" {
            		linux16	/live/memtest
            	}

            	# Firmware setup (UEFI)
            	if [ "${grub_platform}" = "efi" ]; then
            		menuentry "UEFI Firmware Settings" {
            			fwsetup
            		}
            	fi

            }
            """;

    static final String LIVE_BUILD_CONFIG_CFG = """
            set default=0
            set timeout=30

            if [ x$feature_default_font_path = xy ] ; then
               font=unicode
            else
               font=$prefix/unicode.pf2
            fi

            # Copied from the netinst image
            if loadfont $font ; then
              set gfxmode=800x600
              set gfxpayload=keep
              insmod efi_gop
              insmod efi_uga
              insmod video_bochs
              insmod video_cirrus
            else
              set gfxmode=auto
              insmod all_video
            fi

            insmod png
            source /boot/grub/theme.cfg

            insmod gfxterm
            insmod png
            terminal_output gfxterm

            insmod play
            play 960 440 1 0 4 440 1
            """;

    static final String LIVE_BUILD_THEME_CFG = """
            set color_normal=light-gray/black
            set color_highlight=white/dark-gray

            if background_image /isolinux/splash.png; then
              set color_normal=light-gray/black
              set color_highlight=white/black
            elif background_image /splash.png; then
              set color_normal=light-gray/black
              set color_highlight=white/black
            else
              set menu_color_normal=cyan/blue
              set menu_color_highlight=white/blue
            fi
            """;

    static final String LIVE_BUILD_INSTALL_START_CFG = """
            menuentry 'Start installer' --hotkey=i {
            	linux	/install/gtk/vmlinuz vga=788 --- quiet
            	initrd	/install/gtk/initrd.gz
            }
            """;

    static final String LIVE_BUILD_INSTALL_CFG = """
            menuentry 'Graphical installer' --hotkey=g {
            	linux	/install/gtk/vmlinuz vga=788 --- quiet
            	initrd	/install/gtk/initrd.gz
            }
            menuentry 'Text installer' --hotkey=t {
            	linux	/install/vmlinuz vga=788 --- quiet
            	initrd	/install/initrd.gz
            }
            menuentry 'Graphical installer with speech synthesis' --hotkey=s {
            	linux	/install/gtk/vmlinuz speakup.synth=soft vga=788 --- quiet
            	initrd	/install/gtk/initrd.gz
            }
            """;

    static final String[] LIVE_BUILD_FILES = {
            DEBIAN_KERNEL, "kernel", DEBIAN_INITRD, "initrd", "/live/filesystem.squashfs", "sq", "/live/memtest", "mt",
            "/install/gtk/vmlinuz", "kernel", "/install/gtk/initrd.gz", "initrd",
            "/install/vmlinuz", "kernel", "/install/initrd.gz", "initrd"};

    @Test
    void liveBuildBookwormGrub() throws IOException {
        Path root = tree(LIVE_BUILD_FILES);
        write(root, "/boot/grub/loopback.cfg", "source /boot/grub/grub.cfg\n");
        write(root, "/boot/grub/grub.cfg", LIVE_BUILD_GRUB_CFG);
        write(root, "/boot/grub/config.cfg", LIVE_BUILD_CONFIG_CFG);
        write(root, "/boot/grub/theme.cfg", LIVE_BUILD_THEME_CFG);
        write(root, "/boot/grub/install_start.cfg", LIVE_BUILD_INSTALL_START_CFG);
        write(root, "/boot/grub/install.cfg", LIVE_BUILD_INSTALL_CFG);

        IsoBootConfig c = read(root);

        assertThat(c.file()).isEqualTo("/boot/grub/loopback.cfg");
        assertThat(c.entries()).containsExactly(
                new IsoBootEntry("Live system (amd64)", DEBIAN_KERNEL, List.of(DEBIAN_INITRD),
                        List.of("boot=live", "components", "quiet", "splash", "findiso=${iso_path}"), "/boot/grub/grub.cfg"),
                new IsoBootEntry("Live system (amd64 fail-safe mode)", DEBIAN_KERNEL, List.of(DEBIAN_INITRD),
                        List.of("boot=live", "components", "memtest", "noapic", "noapm", "nodma", "nomce", "nolapic", "nosmp",
                                "nosplash", "vga=788", "findiso=${iso_path}"), "/boot/grub/grub.cfg"),
                new IsoBootEntry("Start installer", "/install/gtk/vmlinuz", List.of("/install/gtk/initrd.gz"),
                        List.of("vga=788", "---", "quiet"), "/boot/grub/install_start.cfg"),
                // "Graphical installer" boots exactly what "Start installer" boots: left out
                new IsoBootEntry("Advanced install options... > Text installer", "/install/vmlinuz", List.of("/install/initrd.gz"),
                        List.of("vga=788", "---", "quiet"), "/boot/grub/install.cfg"),
                new IsoBootEntry("Advanced install options... > Graphical installer with speech synthesis", "/install/gtk/vmlinuz",
                        List.of("/install/gtk/initrd.gz"), List.of("speakup.synth=soft", "vga=788", "---", "quiet"),
                        "/boot/grub/install.cfg"));
        assertThat(c.defaultIndex()).isZero();
        // memtest is no Linux (silently left out); config.cfg's and theme.cfg's ifs only set variables
        assertThat(c.problems()).containsExactly(
                "/boot/grub/grub.cfg line " + lineOf(LIVE_BUILD_GRUB_CFG, "if [") + ": `if` — conditional entries skipped");
    }

    @Test
    void liveBuildBookwormIsolinux() throws IOException {
        Path root = tree(LIVE_BUILD_FILES);
        write(root, "/isolinux/isolinux.cfg", """
                include menu.cfg
                default vesamenu.c32
                prompt 0
                timeout 0
                """);
        write(root, "/isolinux/menu.cfg", """
                menu hshift 0
                menu width 82

                include stdmenu.cfg
                menu title Boot menu
                include live.cfg
                include install.cfg
                menu begin utilities
                	menu label ^Utilities
                	menu title Utilities
                	include stdmenu.cfg
                	label mainmenu
                		menu label ^Back..
                		menu exit
                	include utilities.cfg
                menu end

                menu clear
                """);
        write(root, "/isolinux/stdmenu.cfg", """
                menu background splash.png
                menu color title	* #FFFFFFFF *
                menu color border	* #00000000 #00000000 none
                menu color sel		* #ffffffff #76a1d0ff *
                menu color hotsel	1;7;37;40 #ffffffff #76a1d0ff *
                menu color tabmsg	* #ffffffff #00000000 *
                menu color help		37;40 #ffdddd00 #00000000 none
                menu vshift 12
                menu rows 10
                menu helpmsgrow 15
                # The command line must be at least one line from the bottom.
                menu cmdlinerow 16
                menu timeoutrow 16
                menu tabmsgrow 18
                menu tabmsg Press ENTER to boot or TAB to edit a menu entry
                """);
        write(root, "/isolinux/live.cfg", """
                label live-amd64
                	menu label ^Live system (amd64)
                	menu default
                	linux /live/vmlinuz-6.1.0-13-amd64
                	initrd /live/initrd.img-6.1.0-13-amd64
                	append boot=live components quiet splash

                label live-amd64-failsafe
                	menu label ^Live system (amd64 fail-safe mode)
                	linux /live/vmlinuz-6.1.0-13-amd64
                	initrd /live/initrd.img-6.1.0-13-amd64
                	append boot=live components memtest noapic noapm nodma nomce nolapic nosmp nosplash vga=788
                """);
        write(root, "/isolinux/install.cfg", """
                label installstart
                	menu label Start ^installer
                	linux /install/gtk/vmlinuz
                	initrd /install/gtk/initrd.gz
                	append vga=788  --- quiet
                """);
        write(root, "/isolinux/utilities.cfg", """
                label hdt
                	menu label ^Hardware Detection Tool (HDT)
                	com32 hdt.c32

                label memtest
                	menu label ^Memory Diagnostic Tool (memtest86+)
                	linux /live/memtest
                """);

        IsoBootConfig c = read(root);

        assertThat(c.file()).isEqualTo("/isolinux/isolinux.cfg");
        assertThat(c.entries()).containsExactly(
                new IsoBootEntry("Live system (amd64)", DEBIAN_KERNEL, List.of(DEBIAN_INITRD),
                        List.of("boot=live", "components", "quiet", "splash"), "/isolinux/live.cfg"),
                new IsoBootEntry("Live system (amd64 fail-safe mode)", DEBIAN_KERNEL, List.of(DEBIAN_INITRD),
                        List.of("boot=live", "components", "memtest", "noapic", "noapm", "nodma", "nomce", "nolapic", "nosmp",
                                "nosplash", "vga=788"), "/isolinux/live.cfg"),
                new IsoBootEntry("Start installer", "/install/gtk/vmlinuz", List.of("/install/gtk/initrd.gz"),
                        List.of("vga=788", "---", "quiet"), "/isolinux/install.cfg"));
        assertThat(c.defaultIndex()).isZero();
        assertThat(c.problems()).isEmpty();
    }

    // Ubuntu 22.04.3 desktop (jammy), /boot/grub/grub.cfg
    static final String UBUNTU_GRUB_CFG = """

            if loadfont /boot/grub/font.pf2 ; then
            	set gfxmode=auto
            	insmod efi_gop
            	insmod efi_uga
            	insmod gfxterm
            	terminal_output gfxterm
            fi

            set menu_color_normal=white/black
            set menu_color_highlight=black/light-gray

            set timeout=30
            loadfont unicode

            menuentry "Try or Install Ubuntu" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
            	initrd	/casper/initrd
            }
            menuentry "Ubuntu (safe graphics)" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  nomodeset file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
            	initrd	/casper/initrd
            }
            menuentry "OEM install (for manufacturers)" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  file=/cdrom/preseed/ubuntu.seed only-ubiquity oem-config/enable=true quiet splash ---
            	initrd	/casper/initrd
            }
            grub_platform
            if [ "$grub_platform" = "efi" ]; then
            menuentry 'Boot from next volume' {
            	exit 1
            }
            menuentry 'UEFI Firmware Settings' {
            	fwsetup
            }
            else
            menuentry 'Test memory' {
            	linux16 /boot/memtest86+.bin
            }
            fi
            """;

    static final String UBUNTU_LOOPBACK_CFG = """
            menuentry "Try or Install Ubuntu" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  iso-scan/filename=${iso_path} file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
            	initrd	/casper/initrd
            }
            menuentry "Ubuntu (safe graphics)" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  nomodeset iso-scan/filename=${iso_path} file=/cdrom/preseed/ubuntu.seed maybe-ubiquity quiet splash ---
            	initrd	/casper/initrd
            }
            menuentry "OEM install (for manufacturers)" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  iso-scan/filename=${iso_path} file=/cdrom/preseed/ubuntu.seed only-ubiquity oem-config/enable=true quiet splash ---
            	initrd	/casper/initrd
            }
            """;

    static final String[] UBUNTU_FILES = {"/casper/vmlinuz", "kernel", "/casper/initrd", "initrd",
            "/casper/filesystem.squashfs", "sq", "/preseed/ubuntu.seed", "seed", "/boot/memtest86+.bin", "mt"};

    @Test
    void ubuntuJammyGrubCfg() throws IOException {
        Path root = tree(UBUNTU_FILES);
        write(root, "/boot/grub/grub.cfg", UBUNTU_GRUB_CFG);

        IsoBootConfig c = read(root);

        assertThat(c.file()).isEqualTo("/boot/grub/grub.cfg");
        String seed = "file=/cdrom/preseed/ubuntu.seed";
        assertThat(c.entries()).containsExactly(
                new IsoBootEntry("Try or Install Ubuntu", "/casper/vmlinuz", List.of("/casper/initrd"),
                        List.of(seed, "maybe-ubiquity", "quiet", "splash", "---"), "/boot/grub/grub.cfg"),
                new IsoBootEntry("Ubuntu (safe graphics)", "/casper/vmlinuz", List.of("/casper/initrd"),
                        List.of("nomodeset", seed, "maybe-ubiquity", "quiet", "splash", "---"), "/boot/grub/grub.cfg"),
                new IsoBootEntry("OEM install (for manufacturers)", "/casper/vmlinuz", List.of("/casper/initrd"),
                        List.of(seed, "only-ubiquity", "oem-config/enable=true", "quiet", "splash", "---"), "/boot/grub/grub.cfg"));
        assertThat(c.defaultIndex()).isZero();
        assertThat(c.problems()).containsExactly("/boot/grub/grub.cfg line " + lineOf(UBUNTU_GRUB_CFG, "if [")
                + ": `if` — conditional entries skipped");
    }

    @Test
    void ubuntuJammyPrefersLoopbackCfg() throws IOException {
        Path root = tree(UBUNTU_FILES);
        write(root, "/boot/grub/grub.cfg", UBUNTU_GRUB_CFG);
        write(root, "/boot/grub/loopback.cfg", UBUNTU_LOOPBACK_CFG);

        IsoBootConfig c = read(root);

        assertThat(c.file()).isEqualTo("/boot/grub/loopback.cfg");
        assertThat(c.entries()).extracting(IsoBootEntry::title)
                .containsExactly("Try or Install Ubuntu", "Ubuntu (safe graphics)", "OEM install (for manufacturers)");
        assertThat(c.entries().get(1).args()).containsExactly("nomodeset", "iso-scan/filename=${iso_path}",
                "file=/cdrom/preseed/ubuntu.seed", "maybe-ubiquity", "quiet", "splash", "---");
        assertThat(c.problems()).isEmpty();
    }

    // Fedora-Workstation-Live-x86_64-39-1.5.iso, /EFI/BOOT/grub.cfg
    static final String FEDORA_EFI_GRUB_CFG = """
            set default="1"

            function load_video {
              insmod all_video
            }

            load_video
            set gfxpayload=keep
            insmod gzio
            insmod part_gpt
            insmod ext2
            insmod chain

            set timeout=60
            ### END /etc/grub.d/00_header ###

            search --no-floppy --set=root -l 'Fedora-WS-Live-39-1-5'

            ### BEGIN /etc/grub.d/10_linux ###
            menuentry 'Start Fedora-Workstation-Live 39' --class fedora --class gnu-linux --class gnu --class os {
            	linuxefi /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-39-1-5  rd.live.image quiet rhgb
            	initrdefi /images/pxeboot/initrd.img
            }
            menuentry 'Test this media & start Fedora-Workstation-Live 39' --class fedora --class gnu-linux --class gnu --class os {
            	linuxefi /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-39-1-5  rd.live.image rd.live.check quiet
            	initrdefi /images/pxeboot/initrd.img
            }
            submenu 'Troubleshooting -->' {
            	menuentry 'Start Fedora-Workstation-Live 39 in basic graphics mode' --class fedora --class gnu-linux --class gnu --class os {
            		linuxefi /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-39-1-5  rd.live.image nomodeset quiet rhgb
            		initrdefi /images/pxeboot/initrd.img
            	}
            	menuentry 'Boot first drive' --class fedora --class gnu-linux --class gnu --class os {
            		chainloader (hd0)+1
            	}
            	menuentry 'Boot second drive' --class fedora --class gnu-linux --class gnu --class os {
            		chainloader (hd1)+1
            	}
            }
            """;

    @Test
    void fedoraLive39() throws IOException {
        Path root = tree("/images/pxeboot/vmlinuz", "kernel", "/images/pxeboot/initrd.img", "initrd",
                "/LiveOS/squashfs.img", "sq", "/EFI/BOOT/BOOTX64.EFI", "MZ", "/EFI/BOOT/grubx64.efi", "MZ");
        write(root, "/EFI/BOOT/grub.cfg", FEDORA_EFI_GRUB_CFG);

        IsoBootConfig c = read(root);

        assertThat(c.file()).isEqualTo("/EFI/BOOT/grub.cfg");
        String label = "root=live:CDLABEL=Fedora-WS-Live-39-1-5";
        List<String> initrd = List.of("/images/pxeboot/initrd.img");
        assertThat(c.entries()).containsExactly(
                new IsoBootEntry("Start Fedora-Workstation-Live 39", "/images/pxeboot/vmlinuz", initrd,
                        List.of(label, "rd.live.image", "quiet", "rhgb"), "/EFI/BOOT/grub.cfg"),
                new IsoBootEntry("Test this media & start Fedora-Workstation-Live 39", "/images/pxeboot/vmlinuz", initrd,
                        List.of(label, "rd.live.image", "rd.live.check", "quiet"), "/EFI/BOOT/grub.cfg"),
                new IsoBootEntry("Troubleshooting --> > Start Fedora-Workstation-Live 39 in basic graphics mode",
                        "/images/pxeboot/vmlinuz", initrd, List.of(label, "rd.live.image", "nomodeset", "quiet", "rhgb"),
                        "/EFI/BOOT/grub.cfg"));
        assertThat(c.defaultIndex()).isEqualTo(1);
        assertThat(c.defaultEntry().title()).startsWith("Test this media");
        assertThat(c.problems()).isEmpty();
    }

    static final String ARCHISO_SYSLINUX_CFG = """
            DEFAULT select

            LABEL select
            COM32 whichsys.c32
            APPEND -pxe- pxe -sys- sys -iso- sys

            LABEL pxe
            CONFIG archiso_pxe.cfg

            LABEL sys
            CONFIG archiso_sys.cfg
            """;

    static final String ARCHISO_HEAD_CFG = """
            SERIAL 0 115200
            UI vesamenu.c32
            MENU TITLE Arch Linux
            MENU BACKGROUND splash.png

            MENU WIDTH 78
            MENU MARGIN 4
            MENU ROWS 7
            MENU VSHIFT 10
            MENU TABMSGROW 14
            MENU CMDLINEROW 14
            MENU HELPMSGROW 16
            MENU HELPMSGENDROW 29

            # Refer to https://wiki.syslinux.org/wiki/index.php/Comboot/menu.c32

            MENU COLOR border       30;44   #40ffffff #a0000000 std
            MENU COLOR title        1;36;44 #9033ccff #a0000000 std
            MENU COLOR sel          7;37;40 #e0ffffff #20ffffff all
            MENU COLOR unsel        37;44   #50ffffff #a0000000 std
            MENU COLOR help         37;40   #c0ffffff #a0000000 std
            MENU COLOR timeout_msg  37;40   #80ffffff #00000000 std
            MENU COLOR timeout      1;37;40 #c0ffffff #00000000 std
            MENU COLOR msg07        37;40   #90ffffff #a0000000 std
            MENU COLOR tabmsg       31;40   #30ffffff #00000000 std

            MENU CLEAR
            MENU IMMEDIATE
            """;

    static final String ARCHISO_PXE_CFG = """
            INCLUDE archiso_head.cfg

            LABEL arch64_nbd
            TEXT HELP
            Boot the Arch Linux install medium using NBD.
            It allows you to install Arch Linux or perform system maintenance.
            ENDTEXT
            MENU LABEL Arch Linux install medium (x86_64, NBD)
            LINUX ::/arch/boot/x86_64/vmlinuz-linux
            INITRD ::/arch/boot/intel-ucode.img,::/arch/boot/amd-ucode.img,::/arch/boot/x86_64/initramfs-linux.img
            APPEND archisobasedir=arch archisosearchuuid=2024-01-01-10-00-00-00 archiso_nbd_srv=${pxeserver} cms_verify=y
            SYSAPPEND 3

            LABEL arch64_http
            TEXT HELP
            Boot the Arch Linux install medium using HTTP.
            It allows you to install Arch Linux or perform system maintenance.
            ENDTEXT
            MENU LABEL Arch Linux install medium (x86_64, HTTP)
            LINUX ::/arch/boot/x86_64/vmlinuz-linux
            INITRD ::/arch/boot/intel-ucode.img,::/arch/boot/amd-ucode.img,::/arch/boot/x86_64/initramfs-linux.img
            APPEND archisobasedir=arch archisosearchuuid=2024-01-01-10-00-00-00 archiso_http_srv=http://${pxeserver}/ cms_verify=y
            SYSAPPEND 3

            INCLUDE archiso_tail.cfg
            """;

    static final String ARCHISO_SYS_CFG = """
            INCLUDE archiso_head.cfg

            DEFAULT arch64
            TIMEOUT 150

            INCLUDE archiso_sys-linux.cfg

            INCLUDE archiso_tail.cfg
            """;

    static final String ARCHISO_SYS_LINUX_CFG = """
            LABEL arch64
            TEXT HELP
            Boot the Arch Linux install medium on BIOS.
            It allows you to install Arch Linux or perform system maintenance.
            ENDTEXT
            MENU LABEL Arch Linux install medium (x86_64, BIOS)
            LINUX /arch/boot/x86_64/vmlinuz-linux
            INITRD /arch/boot/intel-ucode.img,/arch/boot/amd-ucode.img,/arch/boot/x86_64/initramfs-linux.img
            APPEND archisobasedir=arch archisosearchuuid=2024-01-01-10-00-00-00

            # Accessibility boot option
            LABEL arch64speech
            TEXT HELP
            Boot the Arch Linux install medium on BIOS with speakup screen reader.
            It allows you to install Arch Linux or perform system maintenance with speech feedback.
            ENDTEXT
            MENU LABEL Arch Linux install medium (x86_64, BIOS) with ^speech
            LINUX /arch/boot/x86_64/vmlinuz-linux
            INITRD /arch/boot/intel-ucode.img,/arch/boot/amd-ucode.img,/arch/boot/x86_64/initramfs-linux.img
            APPEND archisobasedir=arch archisosearchuuid=2024-01-01-10-00-00-00 accessibility=on
            """;

    static final String ARCHISO_TAIL_CFG = """
            LABEL existing
            TEXT HELP
            Boot an existing operating system.
            Press TAB to edit the disk and partition number to boot.
            ENDTEXT
            MENU LABEL Boot existing OS
            COM32 chain.c32
            APPEND hd0 0

            # http://www.memtest.org/
            LABEL memtest
            MENU LABEL Run Memtest86+ (RAM test)
            LINUX /boot/memtest86+/memtest

            # http://hdt-project.org/
            LABEL hdt
            MENU LABEL Hardware Information (HDT)
            COM32 hdt.c32
            APPEND modules_alias=hdt/modalias.gz pciids=hdt/pciids.gz

            LABEL reboot
            TEXT HELP
            Reboot computer.
            The computer's firmware must support APM.
            ENDTEXT
            MENU LABEL Reboot
            COM32 reboot.c32

            LABEL poweroff
            MENU LABEL Power Off
            COM32 poweroff.c32
            """;

    @Test
    void archisoSyslinux() throws IOException {
        Path root = tree("/arch/boot/x86_64/vmlinuz-linux", "kernel", "/arch/boot/x86_64/initramfs-linux.img", "initrd",
                "/arch/boot/intel-ucode.img", "u", "/arch/boot/amd-ucode.img", "u", "/arch/x86_64/airootfs.sfs", "sq",
                "/boot/memtest86+/memtest", "mt");
        write(root, "/boot/syslinux/syslinux.cfg", ARCHISO_SYSLINUX_CFG);
        write(root, "/boot/syslinux/archiso_head.cfg", ARCHISO_HEAD_CFG);
        write(root, "/boot/syslinux/archiso_pxe.cfg", ARCHISO_PXE_CFG);
        write(root, "/boot/syslinux/archiso_sys.cfg", ARCHISO_SYS_CFG);
        write(root, "/boot/syslinux/archiso_sys-linux.cfg", ARCHISO_SYS_LINUX_CFG);
        write(root, "/boot/syslinux/archiso_tail.cfg", ARCHISO_TAIL_CFG);

        IsoBootConfig c = read(root);

        assertThat(c.file()).isEqualTo("/boot/syslinux/syslinux.cfg");
        List<String> initrds = List.of("/arch/boot/intel-ucode.img", "/arch/boot/amd-ucode.img",
                "/arch/boot/x86_64/initramfs-linux.img");
        List<String> args = List.of("archisobasedir=arch", "archisosearchuuid=2024-01-01-10-00-00-00");
        // whichsys.c32 takes the -iso- branch from a CD: the PXE menu (NBD, HTTP) is not this ISO's
        assertThat(c.entries()).containsExactly(
                new IsoBootEntry("Arch Linux install medium (x86_64, BIOS)", "/arch/boot/x86_64/vmlinuz-linux", initrds, args,
                        "/boot/syslinux/archiso_sys-linux.cfg"),
                new IsoBootEntry("Arch Linux install medium (x86_64, BIOS) with speech", "/arch/boot/x86_64/vmlinuz-linux",
                        initrds, List.of("archisobasedir=arch", "archisosearchuuid=2024-01-01-10-00-00-00", "accessibility=on"),
                        "/boot/syslinux/archiso_sys-linux.cfg"));
        assertThat(c.defaultIndex()).isZero();
        assertThat(c.problems()).isEmpty();
    }

    // grub-mkrescue takes the grub.cfg it is given (core/src/test/fixtures/live/dracut-live.sh writes one like it)
    static final String DRACUT_GRUB_CFG = """
            set timeout=3
            menuentry "polyboot dracut overlay fixture" { linux /images/pxeboot/vmlinuz root=live:CDLABEL=POLYBOOT_DRACUT rd.live.image rd.live.overlay.overlayfs=1 console=tty0 console=ttyS0,115200; initrd /images/pxeboot/initrd.img }
            """;

    @Test
    void dracutLiveMadeByGrubMkrescueKeepsItsOverlayArgument() throws IOException {
        Path root = tree("/images/pxeboot/vmlinuz", "kernel", "/images/pxeboot/initrd.img", "initrd",
                "/LiveOS/squashfs.img", "sq", "/boot/grub/i386-pc/normal.mod", "mod", "/boot/grub/x86_64-efi/normal.mod", "mod",
                "/efi.img", "fat", "/System/Library/CoreServices/boot.efi", "MZ");
        write(root, "/boot/grub/grub.cfg", DRACUT_GRUB_CFG);

        IsoBootConfig c = read(root);

        assertThat(c.entries()).containsExactly(new IsoBootEntry("polyboot dracut overlay fixture", "/images/pxeboot/vmlinuz",
                List.of("/images/pxeboot/initrd.img"), List.of("root=live:CDLABEL=POLYBOOT_DRACUT", "rd.live.image",
                        "rd.live.overlay.overlayfs=1", "console=tty0", "console=ttyS0,115200"), "/boot/grub/grub.cfg"));
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void noConfigOrNoLinuxEntryIsEmpty() throws IOException {
        assertThat(IsoBootConfigs.read(new DirectoryContent(tree("/readme.txt", "data"), "DATA"))).isEmpty();
        // grub-rescue / memtest86+ style: only non-Linux entries
        Path memtest = tree("/boot/memtest86+x64.bin", "mt", "/EFI/BOOT/memtest.efi", "MZ");
        write(memtest, "/boot/grub/grub.cfg", """
                menuentry "Memtest86+" { linux16 /boot/memtest86+x64.bin }
                menuentry "UEFI Firmware Settings" { fwsetup }
                """);
        assertThat(IsoBootConfigs.read(new DirectoryContent(memtest, "MT86PLUS"))).isEmpty();
    }

    @Test
    void aCandidateWithoutLinuxEntriesGivesWayToTheNextAndSaysSo() throws IOException {
        Path root = tree(UBUNTU_FILES);
        write(root, "/boot/grub/loopback.cfg", "menuentry 'Help' {\n  cat /README\n}\n");
        write(root, "/boot/grub/grub.cfg", UBUNTU_LOOPBACK_CFG);
        IsoBootConfig c = read(root);
        assertThat(c.file()).isEqualTo("/boot/grub/grub.cfg");
        assertThat(c.problems()).containsExactly("/boot/grub/loopback.cfg: no Linux entry with its files in the ISO");
    }

    /**
     * Oracle: an ISO made by xorriso (Rock Ridge + Joliet) read through {@link IsoContents}, the classifier's
     * reader. The configs spell paths in another case than the ISO (as configs written for plain ISO 9660 names
     * do); the entries come back in the ISO's own spelling, which GRUB needs, and equal to the directory tree's.
     */
    @Test
    void realIsoGivesTheIsosExactSpelling() throws Exception {
        Tools.require("xorriso");
        Path root = tree("/Live/VMLinuz-6.1.0-13-amd64", "kernel", "/Live/Initrd.IMG-6.1.0-13-amd64", "initrd",
                "/Install.AMD/VMLINUZ", "kernel", "/Install.AMD/INITRD.GZ", "initrd");
        write(root, "/BOOT/Grub/Grub.CFG", """
                source /boot/grub/config.cfg
                menuentry "Live system (amd64)" {
                	linux	($root)/live/vmlinuz-6.1.0-13-amd64 boot=live components findiso=${iso_path}
                	initrd	($root)/live/initrd.img-6.1.0-13-amd64
                }
                """);
        write(root, "/BOOT/Grub/Config.Cfg", "set default=0\n");
        write(root, "/ISOLINUX/ISOLINUX.CFG", """
                DEFAULT install
                LABEL install
                  KERNEL /install.amd/vmlinuz
                  APPEND vga=788 initrd=/install.amd/initrd.gz --- quiet
                """);
        Path iso = tmp.resolve("spelling.iso");
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "SPELLING", "-o", iso.toString(), root.toString())
                .assertOk();

        try (FileBlockDevice dev = FileBlockDevice.open(iso, true)) {
            ImageContent content = IsoContents.open(dev).orElseThrow();
            Optional<IsoBootConfig> fromIso = IsoBootConfigs.read(content);
            assertThat(fromIso).isEqualTo(IsoBootConfigs.read(new DirectoryContent(root, "SPELLING")));
            IsoBootConfig c = fromIso.orElseThrow();
            assertThat(c.file()).isEqualTo("/BOOT/Grub/Grub.CFG");
            assertThat(c.entries()).containsExactly(new IsoBootEntry("Live system (amd64)", "/Live/VMLinuz-6.1.0-13-amd64",
                    List.of("/Live/Initrd.IMG-6.1.0-13-amd64"), List.of("boot=live", "components", "findiso=${iso_path}"),
                    "/BOOT/Grub/Grub.CFG"));
            assertThat(c.problems()).isEmpty();

            // the same ISO's isolinux menu, once GRUB's is gone from the search
            Path noGrub = tmp.resolve("nogrub.iso");
            Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "SPELLING", "-o", noGrub.toString(),
                    "-m", "Grub.CFG", root.toString()).assertOk();
            try (FileBlockDevice dev2 = FileBlockDevice.open(noGrub, true)) {
                IsoBootConfig s = IsoBootConfigs.read(IsoContents.open(dev2).orElseThrow()).orElseThrow();
                assertThat(s.file()).isEqualTo("/ISOLINUX/ISOLINUX.CFG");
                assertThat(s.entries()).containsExactly(new IsoBootEntry("install", "/Install.AMD/VMLINUZ",
                        List.of("/Install.AMD/INITRD.GZ"), List.of("vga=788", "---", "quiet"), "/ISOLINUX/ISOLINUX.CFG"));
            }
        }
    }

    /** Oracle for the fixtures themselves: GRUB's own parser accepts every GRUB config used above. */
    @Test
    void theGrubConfigsAboveAreValidGrubScript() throws IOException {
        for (String cfg : List.of(LIVE_BUILD_GRUB_CFG, LIVE_BUILD_CONFIG_CFG, LIVE_BUILD_THEME_CFG, LIVE_BUILD_INSTALL_START_CFG,
                LIVE_BUILD_INSTALL_CFG, UBUNTU_GRUB_CFG, UBUNTU_LOOPBACK_CFG, FEDORA_EFI_GRUB_CFG, DRACUT_GRUB_CFG)) {
            Path f = Files.createTempFile(tmp, "grub", ".cfg");
            Files.writeString(f, cfg);
            Tools.Result r = Tools.run("grub-script-check", f.toString());
            assertThat(r.exitCode()).as("grub-script-check on\n%s\n%s", cfg, r.stderr()).isZero();
        }
    }

    // ---- helpers

    Path tree(String... pathsAndTexts) throws IOException {
        Path root = Files.createTempDirectory(tmp, "tree");
        for (int i = 0; i < pathsAndTexts.length; i += 2) write(root, pathsAndTexts[i], pathsAndTexts[i + 1]);
        return root;
    }

    static void write(Path root, String path, String text) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    static IsoBootConfig read(Path root) throws IOException {
        return IsoBootConfigs.read(new DirectoryContent(root, "TEST")).orElseThrow();
    }

    /** 1-based line of the first line containing {@code text}. */
    static int lineOf(String config, String text) {
        String[] lines = config.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].contains(text)) return i + 1;
        throw new AssertionError("not in config: " + text);
    }
}
