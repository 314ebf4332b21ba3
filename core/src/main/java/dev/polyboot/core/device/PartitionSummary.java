package dev.polyboot.core.device;

import java.nio.file.Path;
import java.util.List;

/**
 * One partition of a listed disk: where sysfs puts it, and what its first sectors say.
 *
 * @param number      partition number (sysfs "partition")
 * @param path        device node ("/dev/sdb1")
 * @param startBytes  offset on the disk (sysfs "start" × 512)
 * @param sizeBytes   size (sysfs "size" × 512)
 * @param fileSystem  file system found, null when none was recognised or the disk could not be read
 * @param label       its label, null when it has none or it was not read
 * @param mountPoints where it is mounted now
 */
public record PartitionSummary(int number, Path path, long startBytes, long sizeBytes, FileSystemType fileSystem,
                               String label, List<String> mountPoints) {
    public PartitionSummary {
        mountPoints = List.copyOf(mountPoints);
    }
}
