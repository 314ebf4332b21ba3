package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.comment;
import static dev.polyboot.core.boot.Grub.forEach;
import static dev.polyboot.core.boot.Grub.function;
import static dev.polyboot.core.boot.Grub.glob;
import static dev.polyboot.core.boot.Grub.ifThen;
import static dev.polyboot.core.boot.Grub.v;
import static dev.polyboot.core.boot.Grub.var;
import static dev.polyboot.core.boot.Grub.word;

import dev.polyboot.core.boot.GrubScript.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Runtime probing of a Linux live ISO found by the scan (a file copied by hand, no catalogue entry): GRUB looks
 * inside the attached ISO for the layout of a known family and boots its kernel from the loop device with
 * polyboot's initramfs helper first (payload/src/helper/README.md): the helper finds the file in the exFAT
 * directory by its path, makes it the block device {@code /dev/polyboot/iso} and the family's own "medium"
 * parameter names that device, so the distribution's initramfs needs no exFAT driver.
 * Families, in probing order: Debian live-boot ({@code /live/vmlinuz*}, {@code live-media=}), Ubuntu casper
 * ({@code /casper/vmlinuz*}, {@code live-media=}), dracut dmsquash-live ({@code /LiveOS} + a kernel in
 * {@code /images/pxeboot} or {@code /isolinux}, {@code root=live:CDLABEL=}, found through the by-label link udev
 * makes for the helper's device), archiso ({@code /arch/boot/x86_64/vmlinuz-*}, {@code archisodevice=}), then any
 * ISO carrying its own {@code /boot/grub/loopback.cfg}. Our recipes go first because they keep our console and
 * need no key press in a second menu; loopback.cfg covers families we do not know. {@code pb_linux} returns only
 * when nothing matched (status 1), so the caller's fallback (EFI loader, memdisk) stays as it was; status 0 means
 * the ISO was recognised and its boot failed with a message already shown.
 */
final class LiveLinuxRecipes {
    private static final String LOOP = "(" + BootRecipes.LOOP + ")";
    /** dracut kernels: directory, kernel name, initrd name (Fedora and RHEL-likes, older isolinux layout). */
    private static final List<String[]> DRACUT_KERNELS = List.of(
            new String[] {"/images/pxeboot", "vmlinuz", "initrd.img"},
            new String[] {"/isolinux", "vmlinuz", "initrd.img"});
    private static final List<String> CASPER_INITRDS = List.of("initrd", "initrd.lz", "initrd.gz", "initrd.img");

    private LiveLinuxRecipes() {}

    static List<Node> functions(Console console) {
        List<Object> kconsole = kernelConsole(console);
        return List.of(
                comment("pb_initrd_boot INITRD TITLE: after a loaded kernel, polyboot's initramfs helper archive and then INITRD;"),
                comment("returns only on failure (kernel unloaded)."),
                function("pb_initrd_boot",
                        ifThen(cmd("initrd", var(BootMenu.PBINIT_VAR), var("1")), cmd("boot")),
                        cmd("pb_unload"),
                        cmd("pb_fail", word(v("2"), ": its initrd or polyboot's initramfs helper (", v(BootMenu.PBINIT_VAR),
                                ") did not load; run polyboot update if the helper is missing"))),
                comment("pb_ids: who the data partition and the ISO are, for polyboot's initramfs helper. Only once a family's"),
                comment("files were found: `probe --label` on a loop device without a file system leaves it referenced"),
                comment("(\"device still referenced\", then \"device name already exists\" at the next loopback; measured)."),
                function("pb_ids",
                        cmd("probe", "--fs-uuid", "--set=pb_uuid", var("pb_dev")),
                        cmd("probe", "--part-uuid", "--set=pb_puuid", var("pb_dev")),
                        cmd("probe", "--label", "--set=pb_label", LOOP),
                        cmd("set", "pb_plabel="),
                        ifThen(cmd("regexp", "^[A-Za-z0-9#+.:=@_-]+$", var("pb_label")),
                                cmd("set", word("pb_plabel=polyboot.label=", v("pb_label"))))),
                comment("pb_linux FILE TITLE: with FILE attached as " + LOOP + ", boot a known Linux live layout through polyboot's"),
                comment("initramfs helper, which finds pb_isopath (FILE inside the data partition) and makes it " + PbinitArgs.DEVICE + ";"),
                comment("status 1 when none matched, 0 when one did (and failed, with a message)."),
                function("pb_linux", body(kconsole)));
    }

    private static Node[] body(List<Object> kconsole) {
        List<Node> n = new ArrayList<>();
        n.add(cmd("regexp", "--set=1:pb_dev", "--set=2:pb_isopath", "^(\\([^)]*\\))(/.*)$", var("1")));

        n.add(comment("Initramfs scripts split the kernel command line at spaces, quotes or not (live-boot, casper, dracut's getarg)."));
        n.add(cmd("set", "pb_space="));
        n.add(ifThen(cmd("regexp", " ", var("pb_isopath")), cmd("set", "pb_space=1")));
        n.add(comment("Debian live-boot (Debian live, Kali, Clonezilla, GParted): /live/vmlinuz[-VER] + initrd.img[-VER]."));
        n.add(forEach("pb_k", List.of(word(LOOP + "/live/vmlinuz", glob("*"))),
                ifThen(cmd("test", "-f", var("pb_k")),
                        cmd("regexp", "--set=1:pb_kv", "/vmlinuz([^/]*)$", var("pb_k")),
                        boot(kconsole, var("pb_k"), List.of("boot=live", "components", "live-media=" + PbinitArgs.DEVICE),
                                word(LOOP + "/live/initrd.img", v("pb_kv"))),
                        handled())));
        n.add(comment("Ubuntu casper (and flavours, Mint, Pop!_OS): /casper/vmlinuz* + the first initrd present."));
        List<Object> casperInitrds = new ArrayList<>();
        for (String i : CASPER_INITRDS) casperInitrds.add(LOOP + "/casper/" + i);
        n.add(forEach("pb_k", List.of(word(LOOP + "/casper/vmlinuz", glob("*"))),
                ifThen(cmd("test", "-f", var("pb_k")),
                        forEach("pb_i", Grub.words(casperInitrds.toArray()),
                                ifThen(cmd("test", "-f", var("pb_i")),
                                        boot(kconsole, var("pb_k"), List.of("boot=casper", "live-media=" + PbinitArgs.DEVICE),
                                                var("pb_i")),
                                        handled())))));
        n.add(comment("dracut dmsquash-live (Fedora and RHEL-like live images): /LiveOS, volume id as CDLABEL."));
        List<Node> dracut = new ArrayList<>();
        for (String[] k : DRACUT_KERNELS) {
            dracut.add(ifThen(cmd("test", "-f", LOOP + k[0] + "/" + k[1]),
                    boot(kconsole, LOOP + k[0] + "/" + k[1], List.of(word("root=live:CDLABEL=", v("pb_label")), "rd.live.image"),
                            LOOP + k[0] + "/" + k[2]),
                    handled()));
        }
        n.add(ifThen(cmd("test", "-d", LOOP + "/LiveOS"), dracut.toArray(Node[]::new)));
        n.add(comment("archiso (Arch, Manjaro, EndeavourOS, SystemRescue): the initramfs mounts the data partition by UUID."));
        n.add(forEach("pb_k", List.of(word(LOOP + "/arch/boot/x86_64/vmlinuz-", glob("*"))),
                ifThen(cmd("test", "-f", var("pb_k")),
                        cmd("regexp", "--set=1:pb_kv", "/vmlinuz-([^/]*)$", var("pb_k")),
                        boot(kconsole, var("pb_k"), List.of("archisobasedir=arch", "archisodevice=" + PbinitArgs.DEVICE),
                                word(LOOP + "/arch/boot/x86_64/initramfs-", v("pb_kv"), ".img")),
                        handled())));
        n.add(comment("Any other ISO that carries GRUB's loopback.cfg convention: its own menu, iso_path exported."));
        n.add(ifThen(cmd("test", "-f", LOOP + "/boot/grub/loopback.cfg"),
                ifThen(cmd("test", "-n", var("pb_space")), spaceMessage(), handled()),
                cmd("set", word("iso_path=", v("pb_isopath"))),
                cmd("export", "iso_path"),
                cmd("set", word("pb_root=", v("root"))),
                cmd("set", "root=" + BootRecipes.LOOP),
                cmd("configfile", LOOP + "/boot/grub/loopback.cfg"),
                cmd("set", word("root=", v("pb_root"))),
                cmd("pb_fail", word(v("2"), ": returned from its own menu (loopback.cfg)")),
                handled()));
        n.add(cmd("return", "1"));
        return n.toArray(Node[]::new);
    }

    /** The ISO was recognised (and, if we get here, its boot failed with a message): the caller stops. */
    private static Node handled() {
        return cmd("return", "0");
    }

    /** {@code linux KERNEL ARGS... CONSOLE} then {@code pb_initrd_boot INITRD}; a failure says which part failed. */
    private static Node boot(List<Object> kconsole, Object kernel, List<Object> args, Object initrd) {
        List<Object> all = new ArrayList<>();
        all.add(kernel);
        all.addAll(args);
        all.addAll(helperArgs());
        all.addAll(kconsole);
        return Grub.ifElse(cmd("test", "-n", var("pb_space")),
                List.of(spaceMessage()),
                List.of(cmd("pb_ids"), Grub.ifElse(cmd("linux", all.toArray()),
                        List.of(cmd("pb_initrd_boot", initrd, var("2"))),
                        List.of(cmd("pb_fail", word(v("2"), ": its Linux kernel did not load"))))));
    }

    /** Measured: dracut's iso-scan never found "/live systems/x.iso" (getarg cut the value at the space). */
    private static Node spaceMessage() {
        return cmd("pb_fail", word(v("2"), ": a Linux live system cannot find an ISO whose path has a space: rename it"));
    }

    private static List<Object> kernelConsole(Console c) {
        return new ArrayList<>(BootMenu.kernelConsole(c));
    }

    /**
     * The helper's parameters for a file found by the scan (payload/src/helper/README.md): no extents or fingerprint
     * are known, so the helper finds the file by its path in the exFAT directory; the partition is named by its
     * file-system UUID and PARTUUID as GRUB probes them, the ISO's label is checked when it needs no escaping.
     */
    private static List<Object> helperArgs() {
        return List.of(PbinitArgs.RDINIT, word("polyboot.fsuuid=", v("pb_uuid")), word("polyboot.part=", v("pb_puuid")),
                word("polyboot.iso=", v("pb_isopath")), GrubWord.of(new GrubWord.Split("pb_plabel")));
    }
}
