package dev.polyboot.core.boot;

import java.util.Locale;
import java.util.Objects;

/**
 * Who the stick's data partition is, as the initramfs helper checks it at boot before it maps anything
 * (payload/src/helper/README.md): a {@code dd} copy of the stick or another stick must never be mistaken for it.
 *
 * @param fsUuid    the exFAT volume serial as Linux shows it in /dev/disk/by-uuid ("1234-ABCD")
 * @param partUuid  the partition's PARTUUID as Linux shows it (MBR "ssssssss-01", GPT the unique GUID, lower case),
 *                  or null when unknown (an older catalogue)
 * @param sizeBytes the partition's size in bytes, 0 when unknown
 */
public record DataPartition(String fsUuid, String partUuid, long sizeBytes) {
    public DataPartition {
        Objects.requireNonNull(fsUuid, "fsUuid");
        if (!fsUuid.matches("[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}")) throw new IllegalArgumentException("not an exFAT UUID: " + fsUuid);
        fsUuid = fsUuid.toUpperCase(Locale.ROOT);
        if (partUuid != null) {
            partUuid = partUuid.toLowerCase(Locale.ROOT);
            if (!partUuid.matches("[0-9a-f]{8}-[0-9a-f]{2}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                throw new IllegalArgumentException("not a PARTUUID: " + partUuid);
            }
        }
        if (sizeBytes < 0) throw new IllegalArgumentException("negative partition size " + sizeBytes);
    }

    /** Only the file-system UUID is known (tests, catalogues written before the partition identity was kept). */
    public static DataPartition ofFsUuid(String fsUuid) {
        return new DataPartition(fsUuid, null, 0);
    }
}
