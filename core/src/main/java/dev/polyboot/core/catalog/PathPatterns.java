package dev.polyboot.core.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The family table's path syntax on an {@link ImageContent}: "a|b" alternatives, a trailing '*' as prefix match,
 * "volid:PREFIX" for a volume id starting with PREFIX (for images whose files have no telling names).
 */
final class PathPatterns {
    static final String VOLID = "volid:";

    private PathPatterns() {}

    /** The exact path of the first existing alternative, or empty. */
    static Optional<String> first(ImageContent iso, String pattern) throws IOException {
        for (String alt : pattern.split("\\|")) {
            Optional<String> found = one(iso, alt);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /** The exact path of the first candidate that exists. */
    static Optional<String> first(ImageContent iso, List<String> candidates) throws IOException {
        for (String c : candidates) {
            Optional<String> found = first(iso, c);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /** For each probe the path that satisfied it; empty when any probe fails. */
    static Optional<List<String>> all(ImageContent iso, List<String> probes) throws IOException {
        List<String> found = new ArrayList<>();
        for (String p : probes) {
            Optional<String> f = first(iso, p);
            if (f.isEmpty()) return Optional.empty();
            found.add(f.get());
        }
        return Optional.of(found);
    }

    private static Optional<String> one(ImageContent iso, String path) throws IOException {
        if (path.startsWith(VOLID)) {
            String prefix = path.substring(VOLID.length()).toLowerCase(Locale.ROOT);
            return iso.volumeId().filter(v -> v.toLowerCase(Locale.ROOT).startsWith(prefix)).map(v -> "volume id " + v);
        }
        if (!path.endsWith("*")) return iso.find(path);
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, Math.max(slash, 1));
        String prefix = path.substring(slash + 1, path.length() - 1).toLowerCase(Locale.ROOT);
        Optional<String> exactDir = iso.find(dir);
        if (exactDir.isEmpty()) return Optional.empty();
        List<String> names = new ArrayList<>(iso.list(exactDir.get()));
        names.sort(null); // deterministic: the ISO's directory order is already sorted, but be sure
        for (String n : names) {
            if (n.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return Optional.of((exactDir.get().equals("/") ? "" : exactDir.get()) + "/" + n);
            }
        }
        return Optional.empty();
    }
}
