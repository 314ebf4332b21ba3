package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.forEach;
import static dev.polyboot.core.boot.Grub.function;
import static dev.polyboot.core.boot.Grub.ifElse;
import static dev.polyboot.core.boot.Grub.ifThen;
import static dev.polyboot.core.boot.Grub.v;
import static dev.polyboot.core.boot.Grub.var;
import static dev.polyboot.core.boot.Grub.word;

import dev.polyboot.core.boot.GrubScript.Node;
import java.util.List;

/**
 * The menu's part of booting images under Secure Boot with verification kept (issue 12, phase 2). Behind shim,
 * polyboot's signed GRUB runs with {@code check_signatures=enforce}: every file it opens needs a valid detached
 * OpenPGP signature {@code FILE.sig} beside it. Files inside an ISO cannot have one, and {@code loopback} under
 * enforcement would read and hash the whole ISO, so enforcement is switched off only around {@code loopback} and
 * around the kernel and initrd loads; before those loads every initrd is checked explicitly with
 * {@code verify_detached} against the signature {@code polyboot add/refresh} made on the host
 * ({@link #initrdSignature}). The kernel needs no OpenPGP signature: shim's check in GRUB (shim_lock) is on
 * whatever {@code check_signatures} says, and passes only kernels signed by a key shim trusts.
 *
 * <p>{@value #VAR} is {@code 1} exactly when GRUB started with enforcement on (Secure Boot, polyboot's signed
 * GRUB); on BIOS, with Secure Boot off and with the unsigned GRUB it is empty and nothing here does anything.
 */
public final class SecureBootScript {
    /** grub.cfg variable (exported): 1 under Secure Boot with enforcement. */
    static final String VAR = "pb_sb";
    /** Where the data partition holds the detached signatures of the files GRUB loads out of images. */
    public static final String SIGNATURE_DIR = CatalogMenu.DIR + "/sig";
    /** The message a file copied by hand (or changed after approval) gets under Secure Boot. */
    public static final String APPROVE_HINT = "run polyboot refresh to approve";

    private SecureBootScript() {}

    /**
     * Where the signature of {@code fileInImage} (a path inside the image, e.g. {@code /live/initrd.img}) of the image at
     * {@code imagePath} lies on the data partition: GRUB derives the same name from the two paths at boot.
     */
    public static String initrdSignature(String imagePath, String fileInImage) {
        return SIGNATURE_DIR + imagePath + fileInImage + EspContents.SIGNATURE_SUFFIX;
    }

    /**
     * Where the copy of an image's EFI program that {@code add}/{@code refresh} signed with the user's key lies on the
     * data partition (the user's approval: shim checks its Authenticode signature when GRUB chainloads it).
     */
    public static String approvedProgram(String imagePath) {
        return SIGNATURE_DIR + imagePath + "/" + APPROVED_PROGRAM;
    }

    /**
     * The approved copy's name: no initrd signature ends like it (theirs end in {@code .sig}), and no image file
     * extension, so that neither the menu's scan nor {@code list} shows it as an image.
     */
    static final String APPROVED_PROGRAM = "efi-program.signed";

    /**
     * Where the copy of a kernel (a path inside the image) that {@code add}/{@code refresh} signed with the user's key
     * lies on the data partition; it exists only for kernels shim would not pass as they are (not Debian-signed).
     */
    public static String approvedKernel(String imagePath, String kernelInImage) {
        return SIGNATURE_DIR + imagePath + kernelInImage + APPROVED_KERNEL_SUFFIX;
    }

    /** No initrd signature ends like it ({@code .sig}) and it is no image file extension. */
    static final String APPROVED_KERNEL_SUFFIX = ".signed";

    /**
     * The empty file {@code add}/{@code refresh} leave instead of any approval for an image the user declined
     * ({@code secureBoot./PATH false}): under Secure Boot its entry then says so instead of "not approved".
     */
    public static String declinedMarker(String imagePath) {
        return SIGNATURE_DIR + imagePath + "/" + DECLINED;
    }

    static final String DECLINED = "declined";
    /** Under Secure Boot: the entry of an image the user declined. */
    static final String DECLINED_MESSAGE = "you declined it for Secure Boot (secureBoot false in polyboot.json); switch Secure Boot off"
            + " to boot it";

    /** The directory holding every signature made for one image. */
    public static String signatureDirOf(String imagePath) {
        return SIGNATURE_DIR + imagePath;
    }

    /**
     * How the menu boots an image with this recipe when the PC has Secure Boot on ({@code inspect}'s "secure boot"
     * line): the same rules the menu's script applies, in words.
     */
    public static String route(BootRecipe r) {
        if (r instanceof BootRecipe.Message || r.modes().isEmpty()) return "not bootable (as without Secure Boot)";
        if (!r.modes().contains(BootMode.UEFI)) return "not bootable: Secure Boot is a UEFI feature and this image boots in BIOS mode only";
        if (r instanceof BootRecipe.Linux l) {
            return "kernel checked by shim (boots if signed by a key shim trusts, e.g. Debian's); "
                    + (l.initrds().isEmpty() ? "" : "initrds checked against the OpenPGP signatures add/refresh make; ")
                    + (l.isoDevice() ? "polyboot's helper checked against its signature" : "no initramfs helper");
        }
        if (r instanceof BootRecipe.LoopbackConfig) return "not bootable: " + CatalogRecipes.SECURE_BOOT_OWN_MENU;
        if (r instanceof BootRecipe.Program) {
            return "its EFI program boots as the copy add/refresh sign with your key (shim checks that signature);"
                    + " without your keys on this computer it is not approved";
        }
        return "not bootable (as without Secure Boot)";
    }

    /** grub.cfg, at the start: whether this GRUB enforces signatures (the embedded config of the signed GRUB decided). */
    static List<Node> detect() {
        return List.of(
                Grub.comment("Secure Boot: the signed GRUB checks every file it opens (check_signatures=enforce); " + VAR + "=1 then."),
                cmd("set", VAR + "="),
                ifThen(cmd("test", var("check_signatures"), "=", "enforce"), cmd("set", VAR + "=1")));
    }

    /** Enforcement off (under Secure Boot only): just before a {@code loopback} or a checked kernel/initrd load. */
    static Node enforcementOff() {
        return ifThen(cmd("test", var(VAR), "=", "1"), cmd("set", "check_signatures=no"));
    }

    /** Enforcement back on (under Secure Boot only), right after. */
    static Node enforcementOn() {
        return ifThen(cmd("test", var(VAR), "=", "1"), cmd("set", "check_signatures=enforce"));
    }

    /** A condition: this GRUB enforces signatures. */
    static GrubScript.Command underSecureBoot() {
        return cmd("test", var(VAR), "=", "1");
    }

    /**
     * A program entry's body under Secure Boot (file = the image): the approved copy {@link #approvedProgram} is
     * chainloaded from the data partition ($root set to it: chainloader takes its device path from $root), enforcement
     * off around it (shim checks the copy's Authenticode signature against the user's enrolled key); no copy, or one
     * that shim refuses or that comes back, is one line and the menu returns; so is an image the user declined.
     */
    static List<Node> approvedProgramBoot(GrubWord.Var title, GrubWord file) {
        return List.of(
                cmd("regexp", "--set=1:pb_rel", "^\\([^)]*\\)(/.*)$", file),
                cmd("set", word("pb_s=", v("pb_data"), SIGNATURE_DIR, v("pb_rel"), "/" + APPROVED_PROGRAM)),
                ifElse(cmd("test", "-f", word(v("pb_data"), SIGNATURE_DIR, v("pb_rel"), "/" + DECLINED)),
                        List.of(cmd("pb_fail", word(title, ": " + DECLINED_MESSAGE))),
                        List.of(ifElse(cmd("test", "-f", var("pb_s")),
                                List.of(cmd("regexp", "--set=1:pb_dev", "^\\(([^)]*)\\)", var("pb_s")),
                                        cmd("set", word("root=", v("pb_dev"))),
                                        enforcementOff(),
                                        cmd("pb_chain", var("pb_s")),
                                        enforcementOn(),
                                        cmd("pb_fail", word(title, ": " + CatalogRecipes.SECURE_BOOT_PROGRAM_FAILED))),
                                List.of(cmd("pb_fail", word(title, ": " + CatalogRecipes.SECURE_BOOT_PROGRAM)))))));
    }

    /**
     * catalog.cfg's {@code pb_sb_check TITLE FILE INITRDS}: polyboot's helper archive ({@code $pb_pre}, signed beside it on
     * the boot partition) and each initrd inside the image attached as {@code (LOOP)} against its signature under
     * {@link #SIGNATURE_DIR}; on the first failure says why ({@code pb_fail}) and empties {@code pb_ok}. Then the
     * kernel: {@code $pb_kf} becomes the approved copy ({@link #approvedKernel}) when there is one.
     */
    static Node checkFunction(String loop) {
        String dev = "(" + loop + ")";
        return function("pb_sb_check",
                cmd("regexp", "--set=1:pb_rel", "^\\([^)]*\\)(/.*)$", var("2")),
                ifThen(cmd("test", "-f", word(v("pb_data"), SIGNATURE_DIR, v("pb_rel"), "/" + DECLINED)),
                        cmd("pb_fail", word(v("1"), ": " + DECLINED_MESSAGE)), cmd("set", "pb_ok="), cmd("return")),
                ifThen(cmd("test", "-n", var("pb_pre")),
                        cmd("set", "pb_ok="),
                        ifThen(cmd("verify_detached", var("pb_pre"), word(v("pb_pre"), EspContents.SIGNATURE_SUFFIX)), cmd("set", "pb_ok=1")),
                        ifThen(cmd("test", "-z", var("pb_ok")),
                                cmd("pb_fail", word(v("1"), ": polyboot's initramfs helper failed its signature check; run polyboot update")))),
                forEach("pb_i", List.of(GrubWord.of(new GrubWord.Split("3"))),
                        ifThen(cmd("test", "-z", var("pb_ok")), cmd("break")),
                        cmd("set", word("pb_s=", v("pb_data"), SIGNATURE_DIR, v("pb_rel"), v("pb_i"), EspContents.SIGNATURE_SUFFIX)),
                        cmd("set", "pb_ok="),
                        ifElse(cmd("test", "-f", var("pb_s")),
                                List.of(ifElse(cmd("verify_detached", word(dev, v("pb_i")), var("pb_s")),
                                        List.of(cmd("set", "pb_ok=1")),
                                        List.of(cmd("pb_fail", word(v("1"), ": ", v("pb_i"),
                                                " failed its signature check (changed after it was approved); " + APPROVE_HINT))))),
                                List.of(cmd("pb_fail", word(v("1"), ": ", v("pb_i"), " is not approved for Secure Boot; " + APPROVE_HINT))))),
                Grub.comment("A kernel shim would not pass as it is was approved as a copy signed with the user's key."),
                cmd("set", word("pb_s=", v("pb_data"), SIGNATURE_DIR, v("pb_rel"), v("pb_k"), APPROVED_KERNEL_SUFFIX)),
                ifThen(cmd("test", "-f", var("pb_s")), cmd("set", word("pb_kf=", v("pb_s")))));
    }
}
