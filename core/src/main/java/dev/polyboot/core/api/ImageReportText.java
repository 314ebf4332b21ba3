package dev.polyboot.core.api;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.PbinitArgs;
import dev.polyboot.core.catalog.ImageReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text form of an {@link ImageReport} ({@code inspect}), one "label: value" per line. */
public final class ImageReportText {
    private ImageReportText() {}

    public static void print(ImageReport r, PrintWriter out) {
        line(out, "file", r.name() + " (" + Bytes.human(r.size()) + ", " + r.size() + " bytes)");
        line(out, "type", r.type().description() + (r.partitionTable() == null ? "" : ", " + r.partitionTable()));
        if (r.volumeId() != null) line(out, "volume id", r.volumeId());
        line(out, "family", r.family() == null ? "none recognised" : r.familyName() + " (" + r.family() + ")");
        if (r.distro() != null) line(out, "distribution", r.distro() + (r.version() == null ? "" : " " + r.version()));
        line(out, "architecture", r.architectures().isEmpty() ? "unknown" : String.join(", ", r.architectures()));
        for (String[] d : DetailsText.lines(r.details())) line(out, d[0], d[1]);
        line(out, "own boot", r.firmware().isEmpty() ? "none" : modes(r.firmware()));
        line(out, "menu title", r.title());
        line(out, "polyboot boots", r.recipe().modes().isEmpty() ? "no (" + message(r.recipe()) + ")" : modes(r.recipe().modes()));
        List<String> how = recipe(r.recipe());
        for (int i = 0; i < how.size(); i++) line(out, i == 0 ? "recipe" : "", how.get(i));
        line(out, "secure boot", dev.polyboot.core.boot.SecureBootScript.route(r.recipe()));
        line(out, "reason", r.reason());
        for (String n : r.notes()) line(out, "note", n);
    }

    /**
     * The report's notes under an image that add or refresh just catalogued: each is a caveat about booting it
     * (untested recipe, no exFAT driver in the initrd, too big for memdisk...), which inspect shows as "note".
     */
    public static void warnings(List<String> notes, PrintWriter out) {
        for (String n : notes) out.printf(Locale.ROOT, "  warning: %s%n", n);
    }

    static String modes(List<BootMode> modes) {
        return modes.stream().map(BootMode::name).collect(Collectors.joining(" + "));
    }

    /** The recipe as the GRUB commands it becomes, with ${iso} and ${dataUuid} left as placeholders. */
    public static List<String> recipe(BootRecipe r) {
        if (r instanceof BootRecipe.Linux l) {
            String initrds = String.join(" ", l.initrds().stream().map(i -> "(loop)" + i).toList());
            // polyboot's initramfs helper goes first and learns the stick's identity and the file's place on it
            String helper = l.isoDevice() ? " " + PbinitArgs.RDINIT + " polyboot.*=(the stick and this file)" : "";
            String helperArchive = l.isoDevice() ? "(boot partition)" + PbinitArgs.ARCHIVE + " " : "";
            List<String> lines = new java.util.ArrayList<>(List.of("loopback loop ${iso}",
                    "linux (loop)" + l.kernel() + (l.args().isEmpty() ? "" : " " + String.join(" ", l.args())) + helper,
                    l.initrds().isEmpty() && !l.isoDevice() ? "(no initrd)" : "initrd " + helperArchive + initrds));
            for (BootRecipe.Linux.Entry e : l.more()) {
                lines.add("submenu entry \"" + e.title() + "\": linux (loop)" + e.kernel() + " " + String.join(" ", e.args()));
            }
            return lines;
        }
        if (r instanceof BootRecipe.LoopbackConfig c) {
            return List.of("loopback loop ${iso}", "set iso_path=${iso}; export iso_path; set root=(loop)",
                    "configfile (loop)" + c.config());
        }
        if (r instanceof BootRecipe.Program p) {
            return List.of("the menu's runtime route: " + p.modes().stream()
                    .map(m -> m == BootMode.UEFI ? "UEFI chainloader" : "BIOS memdisk").collect(Collectors.joining(", ")));
        }
        return List.of("message: " + message(r));
    }

    private static String message(BootRecipe r) {
        return r instanceof BootRecipe.Message m ? m.text() : "";
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-15s %s%n", label.isEmpty() ? "" : label + ":", value);
    }

    /** "BIOS + UEFI" from the JSON spelling ["bios", "uefi"]. */
    public static String modeNames(List<String> modes) {
        return modes.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.joining(" + "));
    }
}
