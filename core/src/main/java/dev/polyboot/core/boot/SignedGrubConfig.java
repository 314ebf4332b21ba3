package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.comment;
import static dev.polyboot.core.boot.Grub.ifThen;
import static dev.polyboot.core.boot.Grub.v;
import static dev.polyboot.core.boot.Grub.var;
import static dev.polyboot.core.boot.Grub.word;

import dev.polyboot.core.boot.GrubScript.MenuEntry;
import dev.polyboot.core.boot.GrubScript.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The config embedded in polyboot's signed GRUB ({@code EFI/BOOT/grubx64.efi} behind shim, issue 12). It lives in
 * the signed image's memdisk, which no verifier checks (GRUB 2.06 {@code kern/verifiers.c}); everything it reads
 * from the boot partition is checked against the user's OpenPGP key embedded with {@code --pubkey}, which turns
 * {@code check_signatures=enforce} on before this script runs.
 */
public final class SignedGrubConfig {
    /** Printed (and shown as the only menu entry) when the boot partition's grub.cfg did not pass its check. */
    public static final String REFUSED_MESSAGE =
            "polyboot: /grub/grub.cfg on the boot partition failed its signature check and was not run.";
    static final String REFUSED_HINT = "polyboot: the stick was changed after it was written; 'polyboot update' it from your computer.";

    private SignedGrubConfig() {}

    /** @param bootLabel the boot partition's label, searched for when the image was not started from it */
    public static String embeddedCfg(String bootLabel) {
        return script(bootLabel).render();
    }

    static GrubScript script(String bootLabel) {
        GrubWord cfg = word("(", v("root"), ")" + EspContents.GRUB_CFG);
        List<Node> n = new ArrayList<>();
        n.add(comment("polyboot's signed GRUB. This script is inside the signed image; what it reads from the stick is"));
        n.add(comment("checked against the embedded OpenPGP key (check_signatures=enforce)."));
        n.add(comment("The boot partition is where shim started this image from ($cmdpath), else found by its label."));
        n.add(cmd("regexp", "--set=1:root", "^\\(([^)]*)\\)", var("cmdpath")));
        n.add(ifThen(cmd("test", "!", "-f", cfg), cmd("search", "--no-floppy", "--label", bootLabel, "--set=root")));
        n.add(comment("Secure Boot off ($lockdown unset): nothing in the boot chain is checked, so neither is the menu;"));
        n.add(comment("the stick then boots exactly as with the unsigned GRUB."));
        n.add(ifThen(cmd("test", var("lockdown"), "!=", "y"), cmd("set", "check_signatures=no")));
        n.add(comment("source says nothing when the verifier refuses a file: verify_detached first, for GRUB's own error."));
        n.add(ifThen(cmd("test", var("check_signatures"), "=", "enforce"),
                cmd("verify_detached", cfg, word("(", v("root"), ")" + EspContents.GRUB_CFG + EspContents.SIGNATURE_SUFFIX))));
        n.add(cmd("set", "pb_version="));
        n.add(comment("source reports success even when the verifier refused the file: grub.cfg sets pb_version first."));
        n.add(cmd("source", cfg));
        List<Node> refused = new ArrayList<>();
        refused.add(cmd("echo", REFUSED_MESSAGE));
        refused.add(cmd("echo", REFUSED_HINT));
        refused.add(new MenuEntry(GrubWord.lit("Boot menu refused: its signature is not valid. Power off"), List.of(), List.of(),
                List.of(cmd("halt"))));
        refused.add(new MenuEntry(GrubWord.lit("Reboot"), List.of(), List.of(), List.of(cmd("reboot"))));
        n.add(ifThen(cmd("test", "-z", var("pb_version")), refused.toArray(Node[]::new)));
        return new GrubScript(n);
    }
}
