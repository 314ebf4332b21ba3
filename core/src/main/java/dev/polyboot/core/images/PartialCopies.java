package dev.polyboot.core.images;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.formats.fs.FsEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hidden {@code .polyboot-partial-NAME} files {@code add} copies into before the verified rename. One left
 * over means an add was interrupted (killed, stick pulled): it is full size and nothing else would ever remove it.
 * Every writing command removes them first (it holds the stick's lock, so no other add is writing one).
 */
public final class PartialCopies {
    public static final String PREFIX = ".polyboot-partial-";

    private PartialCopies() {}

    /** Lists a directory of the data partition (empty or an exception for a missing one). */
    @FunctionalInterface
    public interface Lister {
        List<FsEntry> list(String dir) throws IOException;
    }

    /** Every partial copy on the partition, depth-first in directory order; polyboot's own tree is skipped. */
    public static List<FsEntry> find(Lister volume) throws IOException {
        List<FsEntry> out = new ArrayList<>();
        walk(volume, "/", 0, out);
        return out;
    }

    private static void walk(Lister v, String dir, int depth, List<FsEntry> out) throws IOException {
        if (depth > ImageScan.MAX_DEPTH) return;
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) {
                if (!e.path().equalsIgnoreCase(CatalogMenu.DIR)) walk(v, e.path(), depth + 1, out);
            } else if (e.name().startsWith(PREFIX)) {
                out.add(e);
            }
        }
    }

    static String name(String fileName) {
        String p = PREFIX + fileName;
        return p.length() <= ExfatNames.MAX_UNITS ? p : p.substring(0, ExfatNames.MAX_UNITS);
    }
}
