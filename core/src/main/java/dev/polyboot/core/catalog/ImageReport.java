package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import java.util.List;
import java.util.Objects;

/**
 * What the classifier found in one image and how the menu will boot it.
 *
 * @param name           the file name
 * @param size           bytes
 * @param type           what the bytes are
 * @param volumeId       ISO volume id, or null
 * @param partitionTable "MBR", "GPT" or null (disk images, hybrid ISOs)
 * @param architectures  CPU architectures found (Debian names: amd64, i386, arm64, ...), sorted
 * @param firmware       the firmware the image can boot from by itself on a real medium (El Torito x86/UEFI
 *                       entries, /EFI/BOOT loaders, MBR boot code)
 * @param family         family id of {@link Families}, or null
 * @param familyName     the family's name, or null
 * @param distro         distribution name, or null
 * @param version        distribution version, or null
 * @param title          the menu title
 * @param recipe         how polyboot boots it
 * @param reason         why this recipe ("Debian live-boot: /live/vmlinuz found; booting with findiso=")
 * @param notes          caveats worth telling (untested recipe, path with spaces, ...)
 * @param details        what a PE, WIM or VHD(X) header says, or null (ISOs, disk images, damaged headers)
 */
public record ImageReport(String name, long size, ImageType type, String volumeId, String partitionTable,
                          List<String> architectures, List<BootMode> firmware, String family, String familyName,
                          String distro, String version, String title, BootRecipe recipe, String reason,
                          List<String> notes, ImageDetails details) {
    public ImageReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(reason, "reason");
        architectures = List.copyOf(architectures);
        firmware = List.copyOf(firmware);
        notes = List.copyOf(notes);
    }

    /** A report without format details (ISOs, disk images, unreadable files). */
    public ImageReport(String name, long size, ImageType type, String volumeId, String partitionTable,
                       List<String> architectures, List<BootMode> firmware, String family, String familyName,
                       String distro, String version, String title, BootRecipe recipe, String reason, List<String> notes) {
        this(name, size, type, volumeId, partitionTable, architectures, firmware, family, familyName, distro, version,
                title, recipe, reason, notes, null);
    }
}
