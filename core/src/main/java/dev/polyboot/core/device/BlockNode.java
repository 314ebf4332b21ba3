package dev.polyboot.core.device;

import java.nio.file.Path;

/**
 * A block device as sysfs describes it.
 *
 * @param name        kernel name ("sdb", "sdb1", "loop3", "dm-0")
 * @param majorMinor  device number ("8:16")
 * @param sysDir      its directory under /sys/devices (symlinks resolved)
 * @param partition   true for a partition of another disk
 * @param partitionNumber partition number for a partition (0 for a whole disk)
 * @param parent      kernel name of the whole disk a partition belongs to (null for a whole disk)
 * @param sizeBytes   size (sysfs counts 512-byte units whatever the sector size)
 * @param sectorSize  logical sector size
 * @param removable   the removable flag (0 for loop devices and most SSDs, 1 for most USB sticks)
 * @param model       vendor and model for the confirmation prompt ("" when unknown)
 */
public record BlockNode(String name, String majorMinor, Path sysDir, boolean partition, int partitionNumber, String parent,
                        long sizeBytes, int sectorSize, boolean removable, String model) {

    public Path devNode() {
        return Path.of("/dev", name);
    }

    public boolean isLoop() {
        return name.startsWith("loop");
    }
}
