package dev.polyboot.core.install;

import dev.polyboot.core.payload.PayloadEntry;
import dev.polyboot.core.secureboot.StickSecureBoot;
import dev.polyboot.formats.part.PartitionInfo;
import java.util.List;

/**
 * What {@code polyboot info} reports. Fields that could not be read are null; {@code problems} says why
 * a disk is not (or not fully) a polyboot stick.
 *
 * @param polyboot        partition 1 exFAT, partition 2 FAT with polyboot's identity file
 * @param style           "MBR", "GPT" or "NONE"
 * @param diskId          MBR disk signature (0x…) or GPT disk GUID
 * @param polybootVersion version of polyboot that installed or last updated the stick
 * @param payloadVersion  boot payload identity ("grub 2.06-13+deb12u2, payload 1a2b…")
 * @param payloadDigest   SHA-256 of the payload manifest on the stick
 * @param console         screen, serial or both
 * @param manifest        the payload manifest read from the boot partition
 * @param secureBoot      whether the stick boots under Secure Boot and with whose key (issue 12)
 */
public record StickInfo(long diskBytes, int sectorSize, boolean polyboot, String style, String diskId,
                        List<PartitionInfo> partitions, VolumeSummary data, VolumeSummary boot,
                        String polybootVersion, String payloadVersion, String payloadDigest, String console,
                        List<PayloadEntry> manifest, List<String> problems, StickSecureBoot secureBoot) {
    public StickInfo {
        partitions = List.copyOf(partitions);
        manifest = List.copyOf(manifest);
        problems = List.copyOf(problems);
        if (secureBoot == null) secureBoot = StickSecureBoot.NONE;
    }

    /** Without Secure Boot information (callers written before issue 12). */
    public StickInfo(long diskBytes, int sectorSize, boolean polyboot, String style, String diskId,
                     List<PartitionInfo> partitions, VolumeSummary data, VolumeSummary boot,
                     String polybootVersion, String payloadVersion, String payloadDigest, String console,
                     List<PayloadEntry> manifest, List<String> problems) {
        this(diskBytes, sectorSize, polyboot, style, diskId, partitions, data, boot, polybootVersion, payloadVersion,
                payloadDigest, console, manifest, problems, StickSecureBoot.NONE);
    }
}
