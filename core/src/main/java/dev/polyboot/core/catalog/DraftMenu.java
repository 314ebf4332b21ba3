package dev.polyboot.core.catalog;

import java.util.List;

/**
 * Linux entries as a boot config writes them, before {@link IsoBootConfigs} checks their files against the ISO.
 *
 * @param defaultEntry index into {@code entries} of the config's default, -1 when none is known
 */
record DraftMenu(List<Entry> entries, int defaultEntry) {
    DraftMenu {
        entries = List.copyOf(entries);
    }

    /** Paths are absolute and normalised but not yet looked up; {@code where} is "FILE line N". */
    record Entry(String title, String kernel, List<String> initrds, List<String> args, String source, String where) {
        Entry {
            initrds = List.copyOf(initrds);
            args = List.copyOf(args);
        }
    }
}
