package dev.polyboot.formats.exfat;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@link ExfatFormatter} writes. Everything that would otherwise be drawn from the environment (serial,
 * GUID) is a parameter, so the same options on the same device size give the same bytes.
 *
 * @param label              volume label, at most 11 UTF-16 code units; empty for none
 * @param volumeSerial       VolumeSerialNumber (u32)
 * @param volumeGuid         written as a Volume GUID directory entry when present
 * @param clusterSize        bytes per cluster (power of two, sector size … 32 MiB); 0 = as mkfs.exfat 1.2.0 chooses
 * @param partitionOffset    byte offset of the volume on its disk (PartitionOffset field and FAT/heap alignment)
 * @param boundaryAlignment  the FAT and the cluster heap start on multiples of this many bytes counted from the
 *                           start of the disk (mkfs.exfat's default is 1 MiB)
 */
public record ExfatFormatOptions(String label, long volumeSerial, Optional<UUID> volumeGuid, int clusterSize,
                                 long partitionOffset, int boundaryAlignment) {

    public static final int DEFAULT_BOUNDARY_ALIGNMENT = 1 << 20;
    public static final int MAX_LABEL_LENGTH = 11;

    public ExfatFormatOptions {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(volumeGuid, "volumeGuid");
        if (label.length() > MAX_LABEL_LENGTH) throw new IllegalArgumentException("label longer than 11 UTF-16 units: " + label);
        for (char c : label.toCharArray()) {
            if (c < 0x20 || "\"*/:<>?\\|".indexOf(c) >= 0) throw new IllegalArgumentException("invalid label character in " + label);
        }
        if (volumeSerial < 0 || volumeSerial > 0xFFFF_FFFFL) throw new IllegalArgumentException("serial not a u32: " + volumeSerial);
        if (clusterSize != 0 && (Integer.bitCount(clusterSize) != 1 || clusterSize < 512 || clusterSize > (32 << 20))) {
            throw new IllegalArgumentException("cluster size must be 0 or a power of two in 512 … 32 MiB: " + clusterSize);
        }
        if (partitionOffset < 0) throw new IllegalArgumentException("negative partition offset");
        if (boundaryAlignment < 512 || Integer.bitCount(boundaryAlignment) != 1) {
            throw new IllegalArgumentException("boundary alignment must be a power of two ≥ 512: " + boundaryAlignment);
        }
    }

    /** mkfs.exfat defaults: automatic cluster size, 1 MiB alignment, volume at the start of the disk, no GUID. */
    public static ExfatFormatOptions defaults(String label, long volumeSerial) {
        return new ExfatFormatOptions(label, volumeSerial, Optional.empty(), 0, 0, DEFAULT_BOUNDARY_ALIGNMENT);
    }

    public ExfatFormatOptions withVolumeGuid(UUID guid) {
        return new ExfatFormatOptions(label, volumeSerial, Optional.of(guid), clusterSize, partitionOffset, boundaryAlignment);
    }

    public ExfatFormatOptions withClusterSize(int bytes) {
        return new ExfatFormatOptions(label, volumeSerial, volumeGuid, bytes, partitionOffset, boundaryAlignment);
    }

    public ExfatFormatOptions withPartitionOffset(long bytes) {
        return new ExfatFormatOptions(label, volumeSerial, volumeGuid, clusterSize, bytes, boundaryAlignment);
    }

    public ExfatFormatOptions withBoundaryAlignment(int bytes) {
        return new ExfatFormatOptions(label, volumeSerial, volumeGuid, clusterSize, partitionOffset, bytes);
    }
}
