package dev.polyboot.formats.part;

import java.util.List;
import java.util.Objects;

/**
 * What is on a disk, whatever the table style. {@code diskId}: MBR disk signature as {@code 0x1234abcd}
 * (the form sfdisk prints), GPT disk GUID upper-case, null for NONE. {@code findings}: reader remarks such as
 * "primary GPT unusable, using the backup", each prefixed with WARNING or CORRUPT.
 */
public record DiskPartitions(Style style, String diskId, List<PartitionInfo> partitions, List<String> findings) {
    public enum Style { MBR, GPT, NONE }

    public DiskPartitions {
        Objects.requireNonNull(style, "style");
        partitions = List.copyOf(partitions);
        findings = List.copyOf(findings);
    }

    public static DiskPartitions none() {
        return new DiskPartitions(Style.NONE, null, List.of(), List.of());
    }
}
