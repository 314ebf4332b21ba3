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
 * @param volumeId the ISO's volume id, or null
 * @param mapping  where the file lies and its fingerprint (block-device recipes), or null: the helper then looks the
 *                 file up by its path
 */
public record CatalogMenuEntry(String path, String title, long size, String family, BootRecipe recipe, String volumeId,
                              IsoMapping mapping) {
    public CatalogMenuEntry(String path, String title, long size, String family, BootRecipe recipe) {
        this(path, title, size, family, recipe, null, null);
    }

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

    /**
     * How the entry boots, for {@code list}: {@code loop} (polyboot's initramfs helper maps the contiguous file with a
     * loop device), {@code dm} (a fragmented file, device-mapper), {@code by-path} (the helper finds the file in the
     * exFAT directory at boot), {@code iso-file} (the family's own "boot from an ISO file" parameter: its initramfs
     * must read exFAT), {@code loopback-cfg}, {@code program} (chainloader / memdisk), {@code message} (not bootable).
     */
    public String route() {
        if (recipe instanceof BootRecipe.Linux l) {
            if (!l.isoDevice()) return "iso-file";
            if (mapping == null) return "by-path";
            return mapping.contiguous() ? "loop" : "dm";
        }
        if (recipe instanceof BootRecipe.LoopbackConfig) return "loopback-cfg";
        if (recipe instanceof BootRecipe.Program) return "program";
        return "message";
    }
}
