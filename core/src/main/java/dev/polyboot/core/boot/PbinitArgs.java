package dev.polyboot.core.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kernel parameters that start polyboot's initramfs helper and tell it which image to make a block device
 * (the contract: payload/src/helper/README.md). One model, one encoding path for every value: the catalogue's
 * entries ({@link #forMapping}) and nothing else build these strings.
 *
 * @param data    the data partition's identity
 * @param mapping where the file lies and its fingerprint (catalogued images), or null: then the helper walks
 *                the exFAT directory for {@code isoPath} itself
 * @param isoPath the image's path on the data partition
 * @param label   the ISO's volume id (null or blank: none)
 */
public record PbinitArgs(DataPartition data, IsoMapping mapping, String isoPath, String label) {
    public static final String RDINIT = "rdinit=/polyboot/init";
    /** Where the helper puts the image's device; the families' "medium" parameters name it. */
    public static final String DEVICE = "/dev/polyboot/iso";
    /** The helper's archive on the boot partition, loaded as the first initrd. */
    public static final String ARCHIVE = "/polyboot/pbinit.cpio";

    /**
     * Longest {@code polyboot.ext=} put on the kernel command line (x86: 2048 bytes in all, and the distribution's own
     * arguments need room): a more fragmented file is found by its path instead, its fingerprint still checked.
     */
    static final int MAX_EXTENTS_CHARS = 1024;

    public PbinitArgs {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(isoPath, "isoPath");
        if (!isoPath.startsWith("/")) throw new IllegalArgumentException("not an absolute path: " + isoPath);
    }

    public List<String> render() {
        List<String> a = new ArrayList<>();
        a.add(RDINIT);
        a.add("polyboot.fsuuid=" + data.fsUuid());
        if (data.partUuid() != null) a.add("polyboot.part=" + data.partUuid());
        if (data.sizeBytes() > 0) a.add("polyboot.size=" + data.sizeBytes());
        // The extents go first; the path too, so that a file moved since (a defragmenter, a copy by hand of the same
        // ISO) is still found, its fingerprint checked all the same, and the helper's messages name the file.
        if (mapping != null && extents(mapping).length() <= MAX_EXTENTS_CHARS) a.add(extents(mapping));
        a.add("polyboot.iso=" + percentPath(isoPath));
        if (mapping != null) a.add("polyboot.fp=" + mapping.fingerprint());
        if (label != null && !label.isBlank()) a.add("polyboot.label=" + udevLabel(label));
        return a;
    }

    private static String extents(IsoMapping mapping) {
        StringBuilder ext = new StringBuilder("polyboot.ext=");
        for (IsoMapping.Run r : mapping.runs()) {
            if (ext.length() > "polyboot.ext=".length()) ext.append(',');
            ext.append(r.offset()).append('+').append(r.length());
        }
        return ext.toString();
    }

    /**
     * A path as the helper's {@code polyboot.iso=} takes it: bytes of its UTF-8 form other than
     * {@code A-Za-z0-9._-/} as {@code %XX}, so that the kernel command line (split at spaces, quotes or not,
     * by most initramfs scripts) carries it as one word.
     */
    public static String percentPath(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /**
     * A volume id as udev names it under /dev/disk/by-label (udev's {@code encode_devnode_name}, ID_FS_LABEL_ENC):
     * trailing spaces dropped (ISO 9660 pads with them), ASCII letters, digits, {@code #+-.:=@_} and non-ASCII
     * characters kept, every other ASCII byte (a space too) as {@code \xHH}.
     */
    public static String udevLabel(String label) {
        StringBuilder b = new StringBuilder();
        label.stripTrailing().codePoints().forEach(c -> {
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c > 127 || "#+-.:=@_".indexOf(c) >= 0) {
                b.appendCodePoint(c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        });
        return b.toString();
    }
}
