package dev.polyboot.formats.fs;

import java.util.ArrayList;
import java.util.List;

/** Splitting and checking of the '/'-separated paths the {@link Volume} API takes. */
public final class FsPaths {
    private FsPaths() {}

    /** "/a/b/c" → [a, b, c]; "/" → []. Rejects empty, "." and ".." components. */
    public static List<String> split(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must be absolute: " + path);
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty()) continue;
            if (p.equals(".") || p.equals("..")) throw new IllegalArgumentException("path may not contain . or ..: " + path);
            parts.add(p);
        }
        return parts;
    }

    public static String parent(String path) {
        List<String> parts = split(path);
        if (parts.isEmpty()) throw new IllegalArgumentException("root has no parent");
        return "/" + String.join("/", parts.subList(0, parts.size() - 1));
    }

    public static String name(String path) {
        List<String> parts = split(path);
        if (parts.isEmpty()) throw new IllegalArgumentException("root has no name");
        return parts.get(parts.size() - 1);
    }

    public static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /**
     * Refuses a name for a new entry that Windows cannot open, rename or delete: Win32 strips a trailing dot or
     * space, so such a file (legal on FAT and exFAT) is unreachable there. Names read from a volume are not checked.
     */
    public static void checkWindowsName(String name) {
        if (name.endsWith(".") || name.endsWith(" ")) {
            throw new IllegalArgumentException("invalid name \"" + name + "\": Windows cannot use a name ending in a "
                    + (name.endsWith(".") ? "dot" : "space"));
        }
    }
}
