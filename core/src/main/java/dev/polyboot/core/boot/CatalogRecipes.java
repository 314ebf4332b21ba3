package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.ifElse;
import static dev.polyboot.core.boot.Grub.v;
import static dev.polyboot.core.boot.Grub.var;
import static dev.polyboot.core.boot.Grub.word;

import dev.polyboot.core.boot.GrubScript.Command;
import dev.polyboot.core.boot.GrubScript.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a catalogued image's menu entry ($1 = title, $2 = the file), from its {@link BootRecipe}.
 * Every path that does not end in a booted image ends in {@code pb_fail} and the menu; nothing stays loaded
 * (GRUB boots whatever is loaded when an entry's body ends).
 */
final class CatalogRecipes {
    private CatalogRecipes() {}

    static List<Node> body(CatalogMenuEntry e, String dataUuid) {
        BootRecipe r = e.recipe();
        if (r instanceof BootRecipe.Program) return List.of(cmd("pb_boot", var("2"), var("1")));
        if (r instanceof BootRecipe.Message m) return List.of(cmd("pb_fail", word(v("1"), ": " + m.text())));
        List<Node> boot = r instanceof BootRecipe.Linux l ? linux(l, e.path(), dataUuid) : loopbackCfg((BootRecipe.LoopbackConfig) r, e.path());
        List<BootMode> modes = r.modes();
        if (modes.contains(BootMode.BIOS) && modes.contains(BootMode.UEFI)) return boot;
        String only = modes.contains(BootMode.UEFI) ? "UEFI" : "BIOS";
        Command efi = cmd("test", var("grub_platform"), "=", "efi");
        Node refuse = cmd("pb_fail", word(v("1"), ": boots in " + only + " mode only"));
        return List.of(modes.contains(BootMode.UEFI) ? ifElse(efi, boot, List.of(refuse)) : ifElse(efi, List.of(refuse), boot));
    }

    private static List<Node> linux(BootRecipe.Linux l, String isoPath, String dataUuid) {
        String loop = "(" + BootRecipes.LOOP + ")";
        List<Object> linuxArgs = new ArrayList<>();
        linuxArgs.add(loop + l.kernel());
        for (String a : l.args()) linuxArgs.add(BootRecipe.resolve(a, isoPath, dataUuid));
        List<Object> initrdArgs = new ArrayList<>();
        for (String i : l.initrds()) initrdArgs.add(loop + i);
        // Check the files before loading anything: a kernel loaded without its initrd would be booted
        // by GRUB at the end of the entry and panic.
        Command present = cmd("test", "-f", loop + l.kernel());
        List<Node> load = new ArrayList<>();
        load.add(cmd("linux", linuxArgs.toArray()));
        if (!initrdArgs.isEmpty()) load.add(cmd("initrd", initrdArgs.toArray()));
        load.add(cmd("boot"));
        load.add(cmd("pb_unload"));
        load.add(cmd("pb_fail", word(v("1"), ": its kernel did not start")));
        List<Node> checked = load;
        for (String i : l.initrds()) {
            checked = List.of(ifElse(cmd("test", "-f", loop + i), checked,
                    List.of(cmd("pb_fail", word(v("1"), ": " + i + " is missing from the image; run polyboot refresh")))));
        }
        return List.of(ifElse(cmd("pb_loop", BootRecipes.LOOP, var("2")),
                List.of(ifElse(present, checked,
                        List.of(cmd("pb_fail", word(v("1"), ": " + l.kernel() + " is missing from the image; run polyboot refresh"))))),
                List.of(cmd("pb_fail", word(v("1"), ": not a readable CD/DVD image")))));
    }

    /** The ISO's own menu, the way its makers meant it to be used from an ISO file (iso_path, root=(loop)). */
    private static List<Node> loopbackCfg(BootRecipe.LoopbackConfig c, String isoPath) {
        String loop = "(" + CatalogMenu.CFG_LOOP + ")";
        return List.of(ifElse(cmd("pb_loop", CatalogMenu.CFG_LOOP, var("2")),
                List.of(cmd("set", word("pb_root=", v("root"))),
                        cmd("set", word("iso_path=", isoPath)),
                        cmd("export", "iso_path"),
                        cmd("set", "root=" + loop),
                        cmd("configfile", loop + c.config()),
                        cmd("set", word("root=", v("pb_root")))),
                List.of(cmd("pb_fail", word(v("1"), ": not a readable CD/DVD image")))));
    }
}
