package dev.polyboot.core.api;

/**
 * One image's persistence file (JSON: an item of {@code persistence}).
 *
 * @param image           the image it belongs to (absolute path on the data partition)
 * @param file            the persistence file (absolute path on the data partition)
 * @param family          the image's boot family when the file was made ("debian-live")
 * @param label           the ext4 label the family looks for ("persistence", "casper-rw")
 * @param fingerprint     what the initramfs helper checks before mapping the file read-write
 * @param extents         how many pieces the file has on the stick (1: contiguous); null when unknown or missing
 * @param fileExists      false when the file was deleted by hand: the menu's "with persistence" entry then boots without
 * @param imageCatalogued false when the image is no longer in the catalogue (the menu shows no persistence entries)
 * @param bootTested      true when a boot test proved this family's persistence
 */
public record PersistenceFile(String image, String file, String family, String label, long sizeBytes, String fingerprint,
                              String ext4Uuid, Integer extents, boolean fileExists, boolean imageCatalogued, boolean bootTested) {}
