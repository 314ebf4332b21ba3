package dev.polyboot.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One Linux entry of an ISO's own boot menu, as {@link IsoBootConfigs} read it.
 *
 * @param title   the menu title; entries of a submenu are "Submenu > Entry"
 * @param kernel  absolute path of the kernel inside the ISO, spelled exactly as the ISO spells it (GRUB compares
 *                Rock Ridge and Joliet names case-sensitively)
 * @param initrds absolute ISO paths, exact spelling, in load order (microcode first where the ISO puts it first)
 * @param args    the kernel arguments one per element, split as Linux splits its command line (at spaces, double
 *                quotes grouping and removed); {@code ${iso_path}} stands for the ISO file's path, as in a
 *                loopback.cfg; {@code BOOT_IMAGE=} and {@code initrd=} are left out
 * @param source  the config file (exact ISO path) the entry was written in
 */
public record IsoBootEntry(String title, String kernel, List<String> initrds, List<String> args, String source) {
    public IsoBootEntry {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(source, "source");
        initrds = List.copyOf(initrds);
        args = List.copyOf(args);
    }
}
