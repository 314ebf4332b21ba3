package dev.polyboot.core.boot;

import java.util.List;
import java.util.Objects;

/**
 * One catalogued image as the menu needs it.
 *
 * @param path   absolute path on the data partition
 * @param title  readable menu title ("Debian 12 Live (amd64)")
 * @param size   file size in bytes at classification; a file of another size is treated as not catalogued
 * @param family boot family id ("debian-live"), or null when none was recognised
 * @param recipe how to boot it
 */
public record CatalogMenuEntry(String path, String title, long size, String family, BootRecipe recipe) {
    public CatalogMenuEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(recipe, "recipe");
        if (!path.startsWith("/") || path.endsWith("/")) throw new IllegalArgumentException("not an absolute file path: " + path);
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
    }

    public List<BootMode> modes() {
        return recipe.modes();
    }
}
