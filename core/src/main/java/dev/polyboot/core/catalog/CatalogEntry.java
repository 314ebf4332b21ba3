package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.CatalogMenuEntry;
import dev.polyboot.core.boot.IsoMapping;
import java.util.List;
import java.util.Objects;

/**
 * One image in {@code /.polyboot/catalog.json}: where it is, its size when classified, and the report.
 *
 * @param path    absolute path on the data partition
 * @param mapping where the file lies on the data partition and its fingerprint, for recipes that boot the ISO as a
 *                block device ({@link BootRecipe.Linux#isoDevice()}); null when not needed or not known (written
 *                through a mount point: the helper then finds the file by its path)
 * @param sha256  SHA-256 of the file as {@code add} copied and read it back (hex); null for files catalogued by
 *                {@code refresh} only (copied by hand): {@code verify --full} compares the stick's bytes against it
 */
public record CatalogEntry(String path, long size, String title, ImageType type, String volumeId, String partitionTable,
                           List<String> architectures, List<BootMode> firmware, String family, String familyName,
                           String distro, String version, BootRecipe recipe, String reason, List<String> notes,
                           IsoMapping mapping, String sha256) {
    public CatalogEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(recipe, "recipe");
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        firmware = firmware == null ? List.of() : List.copyOf(firmware);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static CatalogEntry of(String path, ImageReport r) {
        return new CatalogEntry(path, r.size(), r.title(), r.type(), r.volumeId(), r.partitionTable(), r.architectures(),
                r.firmware(), r.family(), r.familyName(), r.distro(), r.version(), r.recipe(), r.reason(), r.notes(), null, null);
    }

    /** True when its recipe boots the ISO as a block device, which needs {@link #mapping} (or the helper's own search). */
    public boolean needsMapping() {
        return recipe instanceof BootRecipe.Linux l && l.isoDevice();
    }

    public CatalogEntry withMapping(IsoMapping m) {
        return new CatalogEntry(path, size, title, type, volumeId, partitionTable, architectures, firmware, family, familyName,
                distro, version, recipe, reason, notes, m, sha256);
    }

    public CatalogEntry withSha256(String hex) {
        return new CatalogEntry(path, size, title, type, volumeId, partitionTable, architectures, firmware, family, familyName,
                distro, version, recipe, reason, notes, mapping, hex);
    }

    public CatalogMenuEntry menuEntry() {
        return new CatalogMenuEntry(path, title, size, family, recipe, volumeId, mapping);
    }
}
