package dev.polyboot.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The Linux entries of an ISO's own boot menu.
 *
 * @param file         the main config file read (exact ISO path), e.g. {@code /boot/grub/loopback.cfg}
 * @param entries      Linux entries in menu order, at least one; an entry with the same kernel, initrds and
 *                     arguments as an earlier one is left out
 * @param defaultIndex index into {@code entries} of the ISO's default entry; 0 when the ISO names none or names
 *                     one that is not among {@code entries}
 * @param problems     what could not be understood, one sentence each, located by file and line
 */
public record IsoBootConfig(String file, List<IsoBootEntry> entries, int defaultIndex, List<String> problems) {
    public IsoBootConfig {
        Objects.requireNonNull(file, "file");
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
        if (entries.isEmpty()) throw new IllegalArgumentException("a boot config needs at least one entry");
        if (defaultIndex < 0 || defaultIndex >= entries.size())
            throw new IllegalArgumentException("default index " + defaultIndex + " outside 0.." + (entries.size() - 1));
    }

    public IsoBootEntry defaultEntry() {
        return entries.get(defaultIndex);
    }
}
