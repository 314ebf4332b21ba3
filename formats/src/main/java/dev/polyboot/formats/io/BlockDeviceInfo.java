package dev.polyboot.formats.io;

import java.nio.file.Path;

/**
 * What Linux says about a block device node (from {@code /sys/dev/block/MAJ:MIN/}), for safety checks before
 * writing. {@code parentDisk} is the kernel name of the whole disk ({@code sdb} for {@code sdb1}), or the
 * device's own name when it is a whole disk. {@code model} is null when the kernel reports none (loop devices).
 */
public record BlockDeviceInfo(Path node, String name, int major, int minor, long sizeBytes, int logicalSectorSize,
                              boolean removable, boolean isPartition, String parentDisk, String model) {
    /** True for 4K-native disks, which polyboot does not install onto yet. */
    public boolean is4kNative() {
        return logicalSectorSize == 4096;
    }
}
