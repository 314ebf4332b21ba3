package dev.polyboot.core.boot;

import java.util.Locale;
import java.util.Optional;

/** The file types the boot menu offers, by extension (matched case-insensitively, in Java and in GRUB alike). */
public enum ImageKind {
    ISO("iso"), IMG("img"), EFI("efi"), WIM("wim"), VHD("vhd"), VHDX("vhdx");

    private final String extension;

    ImageKind(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The kind for a file name, or empty if the menu does not list it (including hidden "." names). */
    public static Optional<ImageKind> of(String fileName) {
        if (fileName.startsWith(".")) return Optional.empty();
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) return Optional.empty();
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ImageKind k : values()) {
            if (k.extension.equals(ext)) return Optional.of(k);
        }
        return Optional.empty();
    }

    /** GRUB (POSIX ERE) regex matching a path whose last component ends in this extension, any case. */
    String grubRegex() {
        return "\\." + caseless(extension) + "$";
    }

    /**
     * GRUB regex for a scanned path ({@code (DEVICE)/dir/file.iso}) whose last component is a listed image file and no
     * component of which starts with a dot: hidden files and everything in hidden folders (polyboot's own
     * {@code /.polyboot}, whose per-image folders are named like the images, {@code .Trash-1000}) are never listed.
     */
    static String grubListedRegex() {
        StringBuilder alt = new StringBuilder();
        for (ImageKind k : values()) {
            if (k == VHDX) continue; // covered by vhd[xX]? below
            if (alt.length() > 0) alt.append('|');
            alt.append(caseless(k.extension));
            if (k == VHD) alt.append("[xX]?");
        }
        return "^[^/]*(/[^/.][^/]*)*/[^/.][^/]*\\.(" + alt + ")$";
    }

    private static String caseless(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
        }
        return b.toString();
    }
}
