package dev.polyboot.core.api;

import dev.polyboot.core.install.StickInfo;
import dev.polyboot.core.install.VolumeSummary;
import dev.polyboot.core.payload.PayloadEntry;
import java.util.List;
import java.util.Locale;

/**
 * What {@code info} reports about a disk or image. JSON: {@code stick-info}. Fields that could not be read are
 * null; {@code problems} says why a disk is not (or not fully) a polyboot stick.
 *
 * @param style "mbr", "gpt" or "none"
 */
public record StickReport(String target, boolean polyboot, String style, long sizeBytes, int sectorSize, String diskId,
                          List<Partition> partitions, Volume data, Volume boot, String polybootVersion, String payloadVersion,
                          String payloadDigest, String console, List<PayloadFile> payload, List<String> problems,
                          SecureBoot secureBoot) {
    public StickReport {
        partitions = List.copyOf(partitions);
        payload = List.copyOf(payload);
        problems = List.copyOf(problems);
    }

    /**
     * @param mbrType MBR type byte, null on GPT
     * @param gptType GPT type GUID (upper case), null on MBR
     */
    public record Partition(int number, long startBytes, long sizeBytes, Integer mbrType, String gptType, String name,
                            boolean bootable, String partUuid) {}

    /** @param fileSystem "exfat", "fat16", "fat32" */
    public record Volume(String fileSystem, String label, long sizeBytes, long freeBytes, int clusterSize) {}

    /**
     * Whether the stick boots with Secure Boot on (shim + GRUB signed with its owner's key) and whose key that is.
     *
     * @param capable the boot partition has the Secure Boot layout
     */
    public record SecureBoot(boolean capable, String certificateSubject, String certificateFingerprint, String openPgpFingerprint) {}

    /** One file of the boot payload as the stick's manifest lists it. */
    public record PayloadFile(String name, String debianPackage, String packageVersion, String source, long sizeBytes,
                              String sha256) {}

    static StickReport of(String path, StickInfo i) {
        return new StickReport(path, i.polyboot(), i.style().toLowerCase(Locale.ROOT), i.diskBytes(), i.sectorSize(), i.diskId(),
                i.partitions().stream().map(p -> new Partition(p.number(), p.startByte(), p.sizeBytes(),
                        p.mbrType() >= 0 ? p.mbrType() : null, p.gptType(), p.name(), p.bootable(), p.partUuid())).toList(),
                volume(i.data()), volume(i.boot()), i.polybootVersion(), i.payloadVersion(), i.payloadDigest(), i.console(),
                i.manifest().stream().map(StickReport::file).toList(), i.problems(),
                new SecureBoot(i.secureBoot().capable(), i.secureBoot().certificateSubject(),
                        i.secureBoot().certificateFingerprint(), i.secureBoot().openPgpFingerprint()));
    }

    private static Volume volume(VolumeSummary v) {
        return v == null ? null : new Volume(v.fileSystem().toLowerCase(Locale.ROOT), v.label(), v.totalBytes(), v.freeBytes(),
                v.clusterSize());
    }

    private static PayloadFile file(PayloadEntry e) {
        return new PayloadFile(e.name(), e.debianPackage(), e.packageVersion(), e.source(), e.size(), e.sha256());
    }
}
