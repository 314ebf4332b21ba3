package dev.polyboot.core.boot;

import java.util.List;

/**
 * One image the boot menu lists.
 *
 * @param path       absolute path on the data partition ("/tools/ipxe.iso")
 * @param title      the menu entry's text: the catalogue's title, else the path without the leading '/'
 * @param kind       by extension
 * @param size       file size in bytes
 * @param family     boot family id from the catalogue ("debian-live"), null when not catalogued or none known
 * @param modes      firmware modes the catalogued recipe boots in; empty when not catalogued (runtime route)
 * @param catalogued true when the entry comes from the catalogue (route {@link MenuScan#CHANGED} when its file is gone or changed since)
 * @param route      how the catalogued entry boots ({@link CatalogMenuEntry#route()}), {@code scan} for the runtime scan
 */
public record MenuItem(String path, String title, ImageKind kind, long size, String family, List<BootMode> modes,
                       boolean catalogued, String route) {
    public MenuItem {
        modes = List.copyOf(modes);
    }

    /** An entry found by the runtime scan. */
    public MenuItem(String path, String title, ImageKind kind, long size) {
        this(path, title, kind, size, null, List.of(), false, "scan");
    }
}
