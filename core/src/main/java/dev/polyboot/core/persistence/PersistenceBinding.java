package dev.polyboot.core.persistence;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One image's persistence file, as {@code /.polyboot/bindings.json} keeps it under {@code "persistence"} (schema
 * {@code polyboot-bindings.schema.json}).
 *
 * @param file        the file's path on the data partition
 * @param family      the image's family when the file was made (its layout: label, files, kernel parameters)
 * @param label       the ext4 label
 * @param sizeBytes   the file's size
 * @param fingerprint {@link PersistenceFingerprint} of the file as made: the helper maps it read-write only when it matches
 * @param ext4Uuid    the file system's UUID (shown by {@code persistence list})
 */
public record PersistenceBinding(String file, String family, String label, long sizeBytes, String fingerprint, String ext4Uuid) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public PersistenceBinding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(label, "label");
        if (!file.startsWith("/") || file.endsWith("/")) throw new IllegalArgumentException("file: not an absolute file path: " + file);
        if (sizeBytes <= 0) throw new IllegalArgumentException("sizeBytes: " + sizeBytes);
        if (fingerprint == null || !HEX64.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("fingerprint: not 64 lower-case hex digits");
        }
    }
}
