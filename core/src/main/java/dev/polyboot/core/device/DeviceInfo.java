package dev.polyboot.core.device;

import java.nio.file.Path;
import java.util.List;

/**
 * One whole disk as {@code polyboot devices} shows it.
 *
 * @param name           kernel name ("sdb", "nvme0n1", "loop0")
 * @param path           device node ("/dev/sdb")
 * @param sizeBytes      size in bytes
 * @param sectorSize     logical sector size
 * @param vendor         sysfs device/vendor, "" when the kernel has none (NVMe, MMC, loop)
 * @param model          sysfs device/model (device/name for MMC cards), "" when unknown
 * @param transport      how it is attached
 * @param removable      the kernel's removable flag
 * @param rotational     the kernel's queue/rotational flag (USB sticks often claim 1)
 * @param partitionTable "mbr", "gpt", "none"; null when the disk could not be read
 * @param fileSystem     a file system on the whole disk (no partition table, or an ISO written with dd); else null
 * @param label          that file system's label, else null
 * @param content        polyboot, Ventoy, blank, something else, or unreadable
 * @param version        polyboot's or Ventoy's version when known, else null
 * @param partitions     the disk's partitions in number order
 * @param hiddenBecause  why the disk is not offered as a target (holds the running system, not removable, a loop
 *                       device); empty for the disks a user could pick
 * @param note           why some of it could not be read, else null
 */
public record DeviceInfo(String name, Path path, long sizeBytes, int sectorSize, String vendor, String model,
                         Transport transport, boolean removable, boolean rotational, String partitionTable,
                         FileSystemType fileSystem, String label, DiskContent content, String version,
                         List<PartitionSummary> partitions, List<String> hiddenBecause, String note) {
    public DeviceInfo {
        partitions = List.copyOf(partitions);
        hiddenBecause = List.copyOf(hiddenBecause);
    }

    /** Shown without --all: nothing in {@link #hiddenBecause()}. */
    public boolean hidden() {
        return !hiddenBecause.isEmpty();
    }

    /** Vendor and model as one name ("SanDisk Cruzer Blade"), "" when unknown. */
    public String displayModel() {
        return (vendor + " " + model).trim();
    }
}
