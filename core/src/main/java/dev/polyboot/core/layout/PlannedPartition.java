package dev.polyboot.core.layout;

import java.util.Objects;
import java.util.UUID;

/**
 * One partition of a planned stick.
 *
 * @param number       partition number as the OS shows it (1 = data, 2 = boot, 3 = BIOS boot on GPT)
 * @param role         what the partition is for
 * @param firstLba     first sector
 * @param sectorCount  length in sectors
 * @param sectorSize   bytes per sector (LBAs are in these units)
 * @param mbrType      MBR system ID (0 on GPT sticks)
 * @param active       MBR boot indicator (0x80)
 * @param typeGuid     GPT partition type (null on MBR sticks)
 * @param uniqueGuid   GPT unique partition GUID (null on MBR sticks)
 * @param name         GPT partition name (null on MBR sticks)
 * @param fileSystem   what the installer formats into it
 * @param fsLabel      volume label (null without a file system)
 * @param volumeSerial volume serial number, unsigned 32 bits (0 without a file system)
 */
public record PlannedPartition(int number, PartitionRole role, long firstLba, long sectorCount, int sectorSize,
                               int mbrType, boolean active, UUID typeGuid, UUID uniqueGuid, String name,
                               FileSystemKind fileSystem, String fsLabel, long volumeSerial) {

    public PlannedPartition {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(fileSystem, "fileSystem");
        if (firstLba < 1 || sectorCount < 1) {
            throw new IllegalArgumentException("partition " + number + " must start after LBA 0 and be non-empty");
        }
    }

    public long lastLba() {
        return firstLba + sectorCount - 1;
    }

    public long startBytes() {
        return Math.multiplyExact(firstLba, (long) sectorSize);
    }

    public long sizeBytes() {
        return Math.multiplyExact(sectorCount, (long) sectorSize);
    }

    public long endBytes() {
        return startBytes() + sizeBytes();
    }
}
