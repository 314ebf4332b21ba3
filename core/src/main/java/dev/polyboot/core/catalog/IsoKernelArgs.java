package dev.polyboot.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The kernel arguments of one entry of an ISO's own boot menu, kept as the ISO's makers wrote them, with only what
 * polyboot must change: every family's "where is my medium" parameter is polyboot's to give (the ISO's would point at
 * a CD or an {@code ${iso_path}} that does not exist here), and the family's arguments that the entry lacks are added
 * before a {@code ---} (Ubuntu: what follows is for the installed system).
 */
final class IsoKernelArgs {
    /** Parameters that name the medium or the ISO file, in any family; the family's own replace them. */
    static final Set<String> MEDIUM_KEYS = Set.of("findiso", "fromiso", "iso-scan/filename", "img_dev", "img_loop",
            "isofrom_device", "isofrom_system", "isoboot", "iso", "live-media", "live-media-offset", "archisodevice",
            "misodevice", "BOOT_IMAGE", "initrd", "rdinit");

    private IsoKernelArgs() {}

    /**
     * @param iso      the ISO entry's arguments (variables it could not resolve appear as {@code ${name}})
     * @param required the family's arguments for polyboot's route (templates; {@code ${iso}}, {@code ${dataUuid}} kept)
     */
    static List<String> merge(List<String> iso, List<String> required) {
        List<String> out = new ArrayList<>();
        for (String a : iso) {
            if (a.contains("${") || MEDIUM_KEYS.contains(key(a))) continue;
            out.add(a);
        }
        int end = out.indexOf("---");
        if (end < 0) end = out.size();
        for (String r : required) {
            String k = key(r);
            int at = indexOfKey(out, k);
            if (at >= 0) {
                // the ISO's own value wins (its label, its base directory), unless the value is polyboot's to give
                if (MEDIUM_KEYS.contains(k) || r.contains("${") || r.contains("/dev/polyboot/")) out.set(at, r);
                continue;
            }
            out.add(end++, r);
        }
        return out;
    }

    static String key(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    private static int indexOfKey(List<String> args, String key) {
        for (int i = 0; i < args.size(); i++) if (key(args.get(i)).equals(key)) return i;
        return -1;
    }
}
