package dev.polyboot.core.api;

import dev.polyboot.core.catalog.ImageDetails;
import java.util.ArrayList;
import java.util.List;

/** The "label: value" lines {@code inspect} prints for what a PE, WIM or VHD(X) header says. */
final class DetailsText {
    private DetailsText() {}

    /** Pairs of label and value, in print order; empty for images without details. */
    static List<String[]> lines(ImageDetails d) {
        List<String[]> out = new ArrayList<>();
        if (d instanceof ImageDetails.Pe pe) {
            out.add(line("subsystem", pe.subsystemName() + " (" + pe.subsystem() + "), machine " + pe.machine()));
            // The table's presence only: whether Secure Boot accepts it depends on keys only the firmware has.
            out.add(line("signature", pe.signed()
                    ? "signed (Authenticode, " + pe.certificateBytes() + " bytes; not verified)" : "unsigned"));
            if (pe.sbat()) out.add(line("sbat", "yes (.sbat section for shim's revocation checks)"));
        } else if (d instanceof ImageDetails.Wim w) {
            out.add(line("images", w.imageCount() + ", compression " + w.compression()
                    + (w.bootIndex() == 0 ? ", no boot image" : ", boot image " + w.bootIndex())));
            for (String image : w.images()) out.add(line("image", image));
            if (w.notListed() > 0) out.add(line("image", "… " + w.notListed() + " more"));
        } else if (d instanceof ImageDetails.VirtualDisk v) {
            out.add(line("disk type", v.container() + ", " + v.diskType()));
            out.add(line("virtual size", Bytes.human(v.virtualSize()) + " (" + v.virtualSize() + " bytes)"));
        }
        return out;
    }

    private static String[] line(String label, String value) {
        return new String[] {label, value};
    }
}
