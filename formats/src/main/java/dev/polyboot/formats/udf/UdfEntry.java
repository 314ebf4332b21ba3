package dev.polyboot.formats.udf;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One file or directory of a UDF volume.
 *
 * @param name      as recorded (case preserved)
 * @param path      absolute, '/'-separated
 * @param size      information length in bytes (for directories: the size of their identifier list)
 * @param modified  modification time as recorded (the recorder's local time); 1970-01-01T00:00 if invalid
 * @param partition partition reference number of the file entry
 * @param icbBlock  logical block of the file entry within that partition
 */
public record UdfEntry(String name, String path, boolean directory, long size, LocalDateTime modified, int partition,
                       long icbBlock) {
    public UdfEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
    }
}
