package dev.polyboot.core.api;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.catalog.CatalogEntry;
import java.util.List;
import java.util.Locale;

/**
 * One image on a stick's data partition as the boot menu lists it: the same shape in {@code list}, {@code add} and
 * {@code refresh} (JSON: {@code image} in their schemas).
 *
 * @param path       absolute path on the data partition ("/linux/debian.iso")
 * @param menuTitle  the menu entry's text ("Debian 12 Live (amd64) - linux/debian.iso"; the path for images not catalogued)
 * @param sizeBytes  file size
 * @param kind       by extension: "iso", "img", "efi", "wim", "vhd", "vhdx"
 * @param family     boot family ("debian-live"), null when none is known or the image is not catalogued
 * @param modes      "bios", "uefi": the firmware modes the catalogued recipe boots in; empty when not catalogued
 * @param route      how it boots (loop, dm, by-path, iso-file, loopback-cfg, program, message; changed when the file is gone
 *                   or changed size since it was catalogued: the menu entry says so; scan when not catalogued)
 * @param catalogued the entry comes from the catalogue (refresh catalogues the others)
 */
public record ImageEntry(String path, String menuTitle, long sizeBytes, String kind, String family, List<String> modes, String route,
                         boolean catalogued) {
    /** The route of a catalogued file that is gone or changed since it was catalogued: choosing it in the menu says so. */
    public static final String CHANGED = dev.polyboot.core.boot.MenuScan.CHANGED;

    public ImageEntry {
        modes = List.copyOf(modes);
    }

    static ImageEntry of(MenuItem i) {
        return new ImageEntry(i.path(), i.title(), i.size(), lower(i.kind().name()), i.family(), modes(i.modes()), i.route(),
                i.catalogued());
    }

    static ImageEntry of(CatalogEntry e) {
        var m = e.menuEntry();
        return new ImageEntry(e.path(), dev.polyboot.core.boot.CatalogMenu.menuTitle(m), e.size(),
                dev.polyboot.core.boot.ImageKind.of(e.path()).map(k -> lower(k.name())).orElse("iso"), e.family(),
                modes(m.modes()), m.route(), true);
    }

    static List<String> modes(List<BootMode> modes) {
        return modes.stream().map(m -> lower(m.name())).toList();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
