package dev.polyboot.core.layout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the installer will write, decided before a single byte is written (DESIGN.md §2).
 *
 * @param diskBytes           size of the whole disk or image
 * @param sectorSize          logical sector size the tables are expressed in
 * @param style               MBR or GPT
 * @param diskSignature       MBR disk signature (unsigned 32 bits; also written into a GPT's protective MBR)
 * @param diskGuid            GPT disk GUID (null on MBR sticks)
 * @param coreImageLba        where GRUB's core.img starts (1 on MBR, 34 on GPT)
 * @param coreImageMaxSectors sectors available to core.img before the data partition
 * @param reserveBytes        unpartitioned space kept free after the boot partition
 * @param partitions          in partition-number order
 */
public record StickLayout(long diskBytes, int sectorSize, PartitionStyle style, long diskSignature, UUID diskGuid,
                          long coreImageLba, long coreImageMaxSectors, long reserveBytes,
                          List<PlannedPartition> partitions) {

    public StickLayout {
        Objects.requireNonNull(style, "style");
        partitions = List.copyOf(partitions);
    }

    public long totalSectors() {
        return diskBytes / sectorSize;
    }

    public PlannedPartition data() {
        return partition(PartitionRole.DATA).orElseThrow();
    }

    public PlannedPartition boot() {
        return partition(PartitionRole.BOOT).orElseThrow();
    }

    public Optional<PlannedPartition> biosBoot() {
        return partition(PartitionRole.BIOS_BOOT);
    }

    public Optional<PlannedPartition> partition(PartitionRole role) {
        return partitions.stream().filter(p -> p.role() == role).findFirst();
    }
}
