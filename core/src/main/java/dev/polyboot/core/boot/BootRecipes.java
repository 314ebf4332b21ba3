package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.comment;
import static dev.polyboot.core.boot.Grub.forEach;
import static dev.polyboot.core.boot.Grub.function;
import static dev.polyboot.core.boot.Grub.ifElse;
import static dev.polyboot.core.boot.Grub.ifThen;
import static dev.polyboot.core.boot.Grub.ret;
import static dev.polyboot.core.boot.Grub.v;
import static dev.polyboot.core.boot.Grub.var;
import static dev.polyboot.core.boot.Grub.word;
import static dev.polyboot.core.boot.Grub.words;

import dev.polyboot.core.boot.GrubScript.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The grub.cfg functions that boot one file, by platform ({@code $grub_platform} pc or efi). Every path that
 * does not end in a started image ends in {@code pb_fail}: a one-line reason, a pause, back to the menu.
 * Recipes are the measured ones of DESIGN section 3.
 */
public final class BootRecipes {
    /** Loopback device names; a name must be deleted before reuse ("device name already exists"). */
    static final String LOOP = "pb_iso";
    static final String LOOP_INNER = "pb_esp";
    static final int FAIL_PAUSE_SECONDS = 5;

    /** Where ISOs keep their UEFI loader; GRUB's iso9660 compares names case-sensitively. */
    public static final List<String> EFI_LOADERS = List.of("/EFI/BOOT/BOOTX64.EFI", "/EFI/BOOT/bootx64.efi", "/efi/boot/bootx64.efi");
    /** Where ISOs keep the El Torito UEFI FAT image as a file (iPXE, Debian, Fedora). */
    public static final List<String> EFI_IMAGES = List.of("/efi.img", "/boot/grub/efi.img", "/images/efiboot.img", "/EFI/BOOT/efiboot.img");

    private BootRecipes() {}

    static List<Node> functions(Console console) {
        List<Node> out = new ArrayList<>(common());
        out.addAll(LiveLinuxRecipes.functions(console));
        out.addAll(List.of(
                comment("pb_boot_efi FILE TITLE: UEFI recipes (Linux live layouts first, then chainloader; ISOs by loopback, DESIGN section 3)."),
                efi(),
                comment("pb_boot_pc FILE TITLE: legacy BIOS recipes (Linux live layouts first, then memdisk)."),
                pc(),
                comment("pb_boot FILE TITLE: what a menu entry runs."),
                function("pb_boot",
                        ifElse(cmd("test", var("grub_platform"), "=", "efi"),
                                List.of(cmd("pb_boot_efi", var("1"), var("2"))),
                                List.of(cmd("pb_boot_pc", var("1"), var("2")))))));
        return out;
    }

    private static List<Node> common() {
        return List.of(
                comment("pb_fail WHY: say why, pause, return to the menu (never a blank screen or a hang)."),
                function("pb_fail",
                        cmd("echo", word("polyboot: ", v("1"))),
                        cmd("echo", "Back to the menu in " + FAIL_PAUSE_SECONDS + " seconds (press a key to return now)."),
                        cmd("sleep", "--interruptible", Integer.toString(FAIL_PAUSE_SECONDS))),
                comment("pb_loop NAME FILE: (re)attach FILE as device (NAME). The device's first sector tells whether it"),
                comment("exists: `test -e (NAME)` is false for one without a file system, which then could not be re-attached."),
                comment("Under Secure Boot without enforcement: with it, loopback would read and hash the whole image."),
                function("pb_loop",
                        SecureBootScript.enforcementOff(),
                        ifThen(cmd("test", "-s", word("(", v("1"), ")0+1")), cmd("loopback", "-d", var("1"))),
                        cmd("set", "pb_lr=1"),
                        ifThen(cmd("loopback", var("1"), var("2")), cmd("set", "pb_lr=0")),
                        SecureBootScript.enforcementOn(),
                        cmd("return", var("pb_lr"))),
                comment("pb_unload: GRUB has no unload command, but multiboot drops the loaded image before it"),
                comment("complains about its missing file name. Without this, the end of the menu entry would"),
                comment("boot the half-loaded image (memdisk without its image hangs)."),
                function("pb_unload", cmd("multiboot")),
                comment("pb_chain EFI-PROGRAM: start it; returns only if it could not be started or came back."),
                function("pb_chain",
                        ifThen(cmd("chainloader", var("1")), cmd("boot"), cmd("pb_unload"))),
                comment("pb_memdisk FILE TITLE iso|harddisk: BIOS, the whole image into RAM through syslinux memdisk."),
                comment("GRUB 2.06 has no file-size test, but `test -s (loop)N+1` is true exactly when sector N exists."),
                function("pb_memdisk",
                        ifThen(cmd("pb_loop", LOOP, var("1")),
                                ifThen(cmd("test", "-s", "(" + LOOP + ")" + (BootMenu.BIOS_MEMDISK_LIMIT_BYTES / 512) + "+1"),
                                        cmd("pb_fail", word(v("2"), ": over " + (BootMenu.BIOS_MEMDISK_LIMIT_BYTES >> 20)
                                                + " MiB, too big for BIOS mode")),
                                        ret())),
                        ifThen(cmd("linux16", word(v("prefix"), "/memdisk"), var("3"), "raw"),
                                ifThen(cmd("initrd16", var("1")), cmd("boot")),
                                cmd("pb_unload")),
                        cmd("pb_fail", word(v("2"), ": could not load it into memory (memdisk)"))));
    }

    private static Node efi() {
        String loop = "(" + LOOP + ")";
        return function("pb_boot_efi",
                ifThen(regexp(ImageKind.EFI),
                        cmd("pb_chain", var("1")),
                        cmd("pb_fail", word(v("2"), ": the UEFI program did not start")),
                        ret()),
                ifThen(regexp(ImageKind.ISO),
                        ifThen(cmd("pb_loop", LOOP, var("1")),
                                ifThen(cmd("pb_linux", var("1"), var("2")), ret()),
                                forEach("pb_l", words(EFI_LOADERS.stream().map(p -> loop + p).toArray()),
                                        ifThen(cmd("test", "-f", var("pb_l")),
                                                cmd("pb_chain", var("pb_l")),
                                                cmd("pb_fail", word(v("2"), ": its UEFI boot loader did not start")),
                                                ret())),
                                forEach("pb_l", words(EFI_IMAGES.stream().map(p -> loop + p).toArray()),
                                        ifThen(cmd("test", "-f", var("pb_l")),
                                                ifThen(cmd("pb_loop", LOOP_INNER, var("pb_l")),
                                                        cmd("pb_chain", "(" + LOOP_INNER + ")/EFI/BOOT/BOOTX64.EFI")),
                                                cmd("pb_fail", word(v("2"), ": its UEFI boot image did not start")),
                                                ret())),
                                cmd("pb_fail", word(v("2"), ": no UEFI boot loader inside (BIOS only)")),
                                ret()),
                        cmd("pb_fail", word(v("2"), ": not a readable CD/DVD image")),
                        ret()),
                ifThen(regexp(ImageKind.IMG),
                        cmd("pb_fail", word(v("2"), ": disk images boot in BIOS mode only")),
                        ret()),
                cmd("pb_fail", word(v("2"), ": .wim/.vhd/.vhdx images cannot be booted yet")));
    }

    private static Node pc() {
        return function("pb_boot_pc",
                ifThen(regexp(ImageKind.ISO),
                        ifThen(cmd("pb_loop", LOOP, var("1")), ifThen(cmd("pb_linux", var("1"), var("2")), ret())),
                        cmd("pb_memdisk", var("1"), var("2"), "iso"),
                        ret()),
                ifThen(regexp(ImageKind.IMG), cmd("pb_memdisk", var("1"), var("2"), "harddisk"), ret()),
                ifThen(regexp(ImageKind.EFI),
                        cmd("pb_fail", word(v("2"), ": a UEFI program, but this PC started in BIOS mode")),
                        ret()),
                cmd("pb_fail", word(v("2"), ": .wim/.vhd/.vhdx images cannot be booted yet")));
    }

    private static GrubScript.Command regexp(ImageKind kind) {
        return cmd("regexp", kind.grubRegex(), var("1"));
    }
}
