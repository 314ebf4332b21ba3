package dev.polyboot.core.boot;

import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.Volume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images the GRUB menu will list for a data partition, in the menu's order, so that
 * {@code polyboot list} and the menu agree. GRUB 2.06 expands the scan patterns one after the other
 * ({@code /*}, then {@code /*}{@code /*}, ... up to {@link BootMenu#SCAN_DEPTH} levels); each pattern yields
 * names in the order the file system driver reads the directory (on-disk order, no sorting), nested directories
 * in their parent's order. Measured under QEMU (see docs/ARCHITECTURE.md, "Boot menu order").
 * Requires {@link Volume#list} to return entries in on-disk directory order.
 */
public final class MenuScan {
    /** Enough for any real stick; stops a hostile directory tree from exhausting memory. */
    static final int MAX_ITEMS = 100_000;

    private MenuScan() {}

    public static List<MenuItem> items(Volume data) throws IOException {
        List<MenuItem> out = new ArrayList<>();
        for (int depth = 1; depth <= BootMenu.SCAN_DEPTH; depth++) {
            expand(data, "/", depth, out);
        }
        return List.copyOf(out);
    }

    /** All entries {@code levels} levels below {@code dir}, as GRUB's wildcard expansion visits them. */
    private static void expand(Volume v, String dir, int levels, List<MenuItem> out) throws IOException {
        for (FsEntry e : v.list(dir)) {
            if (levels > 1) {
                if (e.directory()) expand(v, e.path(), levels - 1, out);
                continue;
            }
            Optional<ImageKind> kind = ImageKind.of(e.name());
            if (kind.isEmpty() || e.directory()) continue;
            if (out.size() >= MAX_ITEMS) throw new IOException("more than " + MAX_ITEMS + " image files on the data partition");
            out.add(new MenuItem(e.path(), e.path().substring(1), kind.get(), e.size()));
        }
    }
}
