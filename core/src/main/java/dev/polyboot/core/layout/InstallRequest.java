package dev.polyboot.core.layout;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What the user asked for, reduced to what the planner needs.
 *
 * @param diskBytes    size of the target disk or image
 * @param sectorSize   its logical sector size
 * @param style        MBR (default) or GPT
 * @param reserveBytes space to leave unpartitioned after the boot partition
 * @param dataLabel    exFAT label and GPT name of the data partition
 * @param random       source of the disk signature, GUIDs and volume serials (seeded in tests)
 */
public record InstallRequest(long diskBytes, int sectorSize, PartitionStyle style, long reserveBytes,
                             String dataLabel, RandomGenerator random) {

    public static final String DEFAULT_DATA_LABEL = "POLYBOOT";

    public InstallRequest {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(dataLabel, "dataLabel");
        Objects.requireNonNull(random, "random");
    }

    /** Defaults: 512-byte sectors, MBR, no reserve, label POLYBOOT. */
    public static InstallRequest of(long diskBytes, RandomGenerator random) {
        return new InstallRequest(diskBytes, 512, PartitionStyle.MBR, 0, DEFAULT_DATA_LABEL, random);
    }

    public InstallRequest withStyle(PartitionStyle s) {
        return new InstallRequest(diskBytes, sectorSize, s, reserveBytes, dataLabel, random);
    }

    public InstallRequest withReserveBytes(long r) {
        return new InstallRequest(diskBytes, sectorSize, style, r, dataLabel, random);
    }

    public InstallRequest withDataLabel(String l) {
        return new InstallRequest(diskBytes, sectorSize, style, reserveBytes, l, random);
    }

    public InstallRequest withSectorSize(int s) {
        return new InstallRequest(diskBytes, s, style, reserveBytes, dataLabel, random);
    }
}
