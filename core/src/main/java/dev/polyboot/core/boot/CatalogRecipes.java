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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The catalogue's recipes as data for a few shared GRUB functions: an image's line in catalog.cfg carries its
 * recipe kind and arguments ({@link #kindAndArgs}), the functions ({@link #functions}) do the work. A catalogue
 * of 1,000 images is then 1,000 short lines instead of 25,000 lines of inlined script.
 * Every path that does not end in a booted image ends in {@code pb_fail} and the menu; nothing stays loaded
 * (GRUB boots whatever is loaded when an entry's body ends).
 */
final class CatalogRecipes {
    static final String LINUX = "linux";
    /** A Linux recipe whose ISO polyboot's initramfs helper makes a block device first (its archive goes first). */
    static final String ISO_DEVICE = "isodev";
    static final String LOOPBACK_CFG = "loopback-cfg";
    static final String PROGRAM = "program";
    static final String MESSAGE = "message";
    /** Initrds travel as one space-separated word, split by GRUB: their paths must need no quoting. */
    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9_./+,:=@%-]+");

    /** Under Secure Boot: an image booted by its own EFI program that has no approved (signed) copy on the stick. */
    static final String SECURE_BOOT_PROGRAM = "cannot boot with Secure Boot on: its EFI program is not approved; "
            + SecureBootScript.APPROVE_HINT + " (with your keys on that computer)";
    /** Under Secure Boot: the approved copy was refused by shim (changed since) or came back. */
    static final String SECURE_BOOT_PROGRAM_FAILED = "its approved EFI program did not start (refused by shim if changed after"
            + " approval) or came back; " + SecureBootScript.APPROVE_HINT;
    /** Under Secure Boot: shim refused the kernel (not signed by a key it trusts, or its approved copy changed). */
    static final String SECURE_BOOT_KERNEL_FAILED = "its kernel did not start (under Secure Boot: shim refused its signature, or"
            + " its approved copy changed after approval); " + SecureBootScript.APPROVE_HINT;
    /** Under Secure Boot: the ISO's own loopback.cfg cannot carry polyboot's signatures. */
    static final String SECURE_BOOT_OWN_MENU = "its own boot menu cannot be checked under Secure Boot; switch Secure Boot off to boot it";

    private CatalogRecipes() {}

    /** KIND and its arguments for {@code pb_cat}, from the entry's recipe. */
    static List<Object> kindAndArgs(CatalogMenuEntry e, DataPartition data) {
        BootRecipe r = e.recipe();
        if (r instanceof BootRecipe.Program) return List.of(PROGRAM);
        if (r instanceof BootRecipe.Message m) return List.of(MESSAGE, m.text());
        if (r.modes().isEmpty()) return List.of(MESSAGE, "no firmware mode can start it");
        if (r instanceof BootRecipe.LoopbackConfig c) return List.of(LOOPBACK_CFG, modes(c.modes()), c.config());
        BootRecipe.Linux l = (BootRecipe.Linux) r;
        if (!l.initrds().stream().allMatch(i -> PLAIN_PATH.matcher(i).matches())) {
            return List.of(MESSAGE, "an initrd has an unusual file name (" + String.join(", ", l.initrds()) + ")");
        }
        return linuxArgs(e, data, l, l.kernel(), l.initrds(), l.args());
    }

    /**
     * KIND and arguments of one of the ISO's other menu entries ({@link BootRecipe.Linux#more()}), booted like the
     * recipe; a message when its initrd names cannot travel in one word.
     */
    static List<Object> kindAndArgs(CatalogMenuEntry e, DataPartition data, BootRecipe.Linux.Entry alt) {
        BootRecipe.Linux l = (BootRecipe.Linux) e.recipe();
        if (!alt.initrds().stream().allMatch(i -> PLAIN_PATH.matcher(i).matches())) {
            return List.of(MESSAGE, "an initrd has an unusual file name (" + String.join(", ", alt.initrds()) + ")");
        }
        return linuxArgs(e, data, l, alt.kernel(), alt.initrds(), alt.args());
    }

    private static List<Object> linuxArgs(CatalogMenuEntry e, DataPartition data, BootRecipe.Linux l, String kernel,
                                          List<String> initrds, List<String> args) {
        List<Object> out = new ArrayList<>(List.of(l.isoDevice() ? ISO_DEVICE : LINUX, modes(l.modes()), kernel,
                String.join(" ", initrds)));
        for (String a : args) out.add(BootRecipe.resolve(a, e.path(), data.fsUuid()));
        if (l.isoDevice()) out.addAll(new PbinitArgs(data, e.mapping(), e.path(), e.volumeId()).render());
        return out;
    }

    private static String modes(List<BootMode> modes) {
        if (modes.contains(BootMode.BIOS) && modes.contains(BootMode.UEFI)) return "both";
        return modes.contains(BootMode.UEFI) ? "uefi" : "bios";
    }

    /** What choosing a catalogued entry whose file is gone or has another size since it was catalogued says. */
    static final String CHANGED = "the file is gone or changed since polyboot added it (not the size it had); run polyboot refresh";

    /**
     * {@code pb_chosen TITLE FILE LAST PAST KIND ARG...}, what every catalogued menu entry runs when it is chosen: the
     * file check ({@code pb_cat_ok}) first, then KIND's recipe with TITLE FILE ARG... The menu itself does no work per
     * file (issue 11: the menu of 1,000 images must appear no later than the runtime scan's).
     */
    static Node chosenFunction() {
        GrubWord.Var title = v("pb_t");
        List<Object> all = List.of(var("pb_t"), var("pb_f"), var("@"));
        List<Node> byKind = dispatch(List.of(
                List.of(cmd("set", "pb_pre="), cmd("pb_run_linux", all.toArray())),
                List.of(cmd("set", word("pb_pre=", v(BootMenu.PBINIT_VAR))), cmd("pb_run_linux", all.toArray())),
                List.of(ifElse(SecureBootScript.underSecureBoot(),
                        List.of(cmd("pb_fail", word(title, ": " + SECURE_BOOT_OWN_MENU))),
                        List.of(cmd("pb_run_cfg", all.toArray())))),
                List.of(ifElse(SecureBootScript.underSecureBoot(),
                        SecureBootScript.approvedProgramBoot(title, var("pb_f")),
                        List.of(cmd("pb_boot", var("pb_f"), var("pb_t"))))),
                List.of(cmd("pb_fail", word(title, ": ", v("1"))))), 0);
        List<Node> run = new ArrayList<>(List.of(
                cmd("set", word("pb_t=", v("1"))),
                cmd("set", word("pb_f=", v("2"))),
                cmd("set", word("pb_kind=", v("5"))),
                cmd("shift", "5")));
        run.addAll(byKind);
        return function("pb_chosen",
                ifElse(cmd("pb_cat_ok", var("2"), var("3"), var("4")), run,
                        List.of(cmd("pb_fail", word(v("1"), ": " + CHANGED)))));
    }

    /** The kinds in {@link #KINDS}' order; the last is the fallback. */
    private static final List<String> KINDS = List.of(LINUX, ISO_DEVICE, LOOPBACK_CFG, PROGRAM, MESSAGE);

    private static List<Node> dispatch(List<List<Node>> bodies, int i) {
        if (i == KINDS.size() - 1) return bodies.get(i);
        return List.of(ifElse(cmd("test", var("pb_kind"), "=", KINDS.get(i)), bodies.get(i), dispatch(bodies, i + 1)));
    }

    static List<Node> functions() {
        String loop = "(" + BootRecipes.LOOP + ")";
        String cfgLoop = "(" + CatalogMenu.CFG_LOOP + ")";
        List<Node> n = new ArrayList<>();
        n.add(Grub.comment("pb_cat_mode TITLE both|bios|uefi: true when this firmware may start it, else says why."));
        n.add(function("pb_cat_mode",
                ifThen(cmd("test", var("2"), "=", "both"), cmd("return", "0")),
                cmd("set", "pb_m=bios"),
                ifThen(cmd("test", var("grub_platform"), "=", "efi"), cmd("set", "pb_m=uefi")),
                ifThen(cmd("test", var("2"), "=", var("pb_m")), cmd("return", "0")),
                ifElse(cmd("test", var("2"), "=", "uefi"),
                        List.of(cmd("pb_fail", word(v("1"), ": boots in UEFI mode only"))),
                        List.of(cmd("pb_fail", word(v("1"), ": boots in BIOS mode only")))),
                cmd("return", "1")));
        n.add(Grub.comment("pb_run_linux TITLE FILE MODES KERNEL INITRDS ARG...: GRUB loads the kernel and the initrds (after $pb_pre,"));
        n.add(Grub.comment("polyboot's initramfs helper, when set) and adds the menu's console ($" + BootMenu.KERNEL_CONSOLE_VAR + ")"));
        n.add(Grub.comment("(one word, in load order) out of the ISO. Every file is checked before anything is loaded:"));
        n.add(Grub.comment("a kernel loaded without its initrd would be booted by GRUB at the end of the entry and panic."));
        n.add(function("pb_run_linux",
                ifThen(cmd("pb_cat_mode", var("1"), var("3")),
                        ifElse(cmd("pb_loop", BootRecipes.LOOP, var("2")),
                                List.of(ifElse(cmd("test", "-f", word(loop, v("4"))), linux(loop),
                                        List.of(cmd("pb_fail", word(v("1"), ": ", v("4"), " is missing from the image; run polyboot refresh"))))),
                                List.of(cmd("pb_fail", word(v("1"), ": not a readable CD/DVD image")))))));
        n.add(Grub.comment("pb_sb_check TITLE FILE INITRDS: under Secure Boot, the helper and each initrd against its signature."));
        n.add(SecureBootScript.checkFunction(BootRecipes.LOOP));
        n.add(Grub.comment("pb_run_cfg TITLE FILE MODES CONFIG: the ISO's own menu, the way its makers meant it to be used"));
        n.add(Grub.comment("from an ISO file (iso_path exported, root = the ISO)."));
        n.add(function("pb_run_cfg",
                ifThen(cmd("pb_cat_mode", var("1"), var("3")),
                        ifElse(cmd("pb_loop", CatalogMenu.CFG_LOOP, var("2")),
                                // mode loopback in polyboot.json may name a file the ISO does not have
                                List.of(ifElse(cmd("test", "-f", word(cfgLoop, v("4"))),
                                        List.of(cmd("regexp", "--set=1:iso_path", "^\\([^)]*\\)(/.*)$", var("2")),
                                                cmd("export", "iso_path"),
                                                cmd("set", word("pb_root=", v("root"))),
                                                cmd("set", "root=" + CatalogMenu.CFG_LOOP),
                                                cmd("configfile", word(cfgLoop, v("4"))),
                                                cmd("set", word("root=", v("pb_root"))),
                                                cmd("pb_fail", word(v("1"), ": returned from its own menu (loopback.cfg)"))),
                                        List.of(cmd("loopback", "-d", CatalogMenu.CFG_LOOP),
                                                cmd("pb_fail", word(v("1"), ": the image has no ", v("4"),
                                                        " (mode loopback in polyboot.json); remove that setting"))))),
                                List.of(cmd("pb_fail", word(v("1"), ": not a readable CD/DVD image")))))));
        return n;
    }

    private static List<Node> linux(String loop) {
        GrubWord initrds = GrubWord.of(new GrubWord.Split("pb_irds"));
        return List.of(
                cmd("set", word("pb_t=", v("1"))),
                cmd("set", word("pb_k=", v("4"))),
                cmd("set", word("pb_kf=" + loop, v("4"))),
                cmd("set", word("pb_irds=", v("pb_pre"))),
                cmd("set", "pb_ok=1"),
                ifThen(cmd("test", "-n", var("pb_pre")),
                        ifThen(cmd("test", "!", "-f", var("pb_pre")),
                                cmd("pb_fail", word(v("1"), ": polyboot's initramfs helper (", v("pb_pre"),
                                        ") is missing from the boot partition; run polyboot update")),
                                cmd("set", "pb_ok="))),
                forEach("pb_i", List.of(GrubWord.of(new GrubWord.Split("5"))),
                        ifElse(cmd("test", "-f", word(loop, v("pb_i"))),
                                List.of(cmd("set", word("pb_irds=", v("pb_irds"), " " + loop, v("pb_i")))),
                                List.of(cmd("pb_fail", word(v("1"), ": ", v("pb_i"), " is missing from the image; run polyboot refresh")),
                                        cmd("set", "pb_ok="),
                                        cmd("break")))),
                ifThen(cmd("test", "-n", var("pb_ok")), ifThen(SecureBootScript.underSecureBoot(),
                        cmd("pb_sb_check", var("1"), var("2"), var("5")))),
                ifThen(cmd("test", "-n", var("pb_ok")),
                        cmd("shift", "5"),
                        Grub.comment("Under Secure Boot: the initrds were checked above, shim checks the kernel (or its approved copy)."),
                        SecureBootScript.enforcementOff(),
                        ifThen(cmd("linux", var("pb_kf"), var("@"), GrubWord.of(new GrubWord.Split(BootMenu.KERNEL_CONSOLE_VAR))),
                                ifElse(cmd("test", "-z", var("pb_irds")), List.of(cmd("boot")),
                                        List.of(ifThen(cmd("initrd", initrds), cmd("boot")))),
                                cmd("pb_unload")),
                        SecureBootScript.enforcementOn(),
                        ifElse(SecureBootScript.underSecureBoot(),
                                List.of(cmd("pb_fail", word(v("pb_t"), ": " + SECURE_BOOT_KERNEL_FAILED))),
                                List.of(cmd("pb_fail", word(v("pb_t"), ": its kernel did not start"))))));
    }
}
