package dev.polyboot.formats.vhd;

import java.util.Objects;
import java.util.UUID;

/**
 * A VHDX as read by {@link VhdxReader}.
 *
 * @param creator              the file type identifier's creator string, e.g. "QEMU v7.2.11"
 * @param header               the current header (the valid one with the higher sequence number)
 * @param blockSize            payload block size (1 MiB .. 256 MiB)
 * @param leaveBlocksAllocated the file parameters' flag a fixed VHDX sets
 * @param hasParent            differencing disk
 * @param virtualSize          the virtual disk's size in bytes
 */
public record VhdxInfo(String creator, VhdxHeader header, VhdxRegionTable regionTable, VhdxMetadataTable metadata,
                       long blockSize, boolean leaveBlocksAllocated, boolean hasParent, long virtualSize,
                       int logicalSectorSize, int physicalSectorSize, UUID virtualDiskId) {
    public VhdxInfo {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(regionTable, "regionTable");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(virtualDiskId, "virtualDiskId");
    }

    public VirtualDiskType type() {
        if (hasParent) return VirtualDiskType.DIFFERENCING;
        return leaveBlocksAllocated ? VirtualDiskType.FIXED : VirtualDiskType.DYNAMIC;
    }
}
