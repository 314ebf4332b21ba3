package dev.polyboot.formats.iso;

import java.util.ArrayList;
import java.util.List;

/** Reader remarks (WARNING/CORRUPT prefixed), capped so that a hostile image cannot grow the list without bound. */
final class Findings {
    static final int MAX = 100;
    private final List<String> items = new ArrayList<>();
    private int dropped;

    synchronized void warn(String message) {
        add("WARNING: " + message);
    }

    synchronized void corrupt(String message) {
        add("CORRUPT: " + message);
    }

    private void add(String s) {
        if (items.size() < MAX) items.add(s);
        else dropped++;
    }

    synchronized List<String> list() {
        if (dropped == 0) return List.copyOf(items);
        List<String> out = new ArrayList<>(items);
        out.add("WARNING: " + dropped + " further findings not listed");
        return List.copyOf(out);
    }
}
