package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.CatalogMenuEntry;
import java.util.List;
import java.util.Objects;

/**
 * One image in {@code /.polyboot/catalog.json}: where it is, its size when classified, and the report.
 *
 * @param path absolute path on the data partition
 */
public record CatalogEntry(String path, long size, String title, ImageType type, String volumeId, String partitionTable,
                           List<String> architectures, List<BootMode> firmware, String family, String familyName,
                           String distro, String version, BootRecipe recipe, String reason, List<String> notes) {
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
                r.firmware(), r.family(), r.familyName(), r.distro(), r.version(), r.recipe(), r.reason(), r.notes());
    }

    public CatalogMenuEntry menuEntry() {
        return new CatalogMenuEntry(path, title, size, family, recipe);
    }
}
