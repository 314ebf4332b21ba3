package dev.polyboot.core.images;

import java.util.ArrayList;
import java.util.List;

/**
 * The file-name rules of exFAT (spec §7.7.3) plus the ones Windows adds, checked before {@code add} writes
 * anything: formats checks the same inside its writer, but only when the file is already half copied.
 */
final class ExfatNames {
    static final int MAX_UNITS = 255;
    private static final String RESERVED = "\"*/:<>?\\|";

    private ExfatNames() {}

    /** What is wrong with {@code name} as an exFAT file name; empty when it is valid. */
    static List<String> problems(String name) {
        List<String> out = new ArrayList<>();
        if (name.isEmpty()) {
            out.add("empty name");
            return out;
        }
        if (name.length() > MAX_UNITS) out.add("longer than " + MAX_UNITS + " UTF-16 units (" + name.length() + ")");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.add(String.format("control character U+%04X at position %d", (int) c, i));
                break;
            }
            if (RESERVED.indexOf(c) >= 0) {
                out.add("character '" + c + "' is not allowed on exFAT (none of \" * / : < > ? \\ |)");
                break;
            }
        }
        char last = name.charAt(name.length() - 1);
        // Windows strips a trailing dot or space, so such a file could not be opened or deleted there
        if (last == '.' || last == ' ') out.add("ends with " + (last == '.' ? "a dot" : "a space"));
        return out;
    }
}
