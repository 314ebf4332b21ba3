package dev.polyboot.core.install;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.images.PartialCopies;
import dev.polyboot.core.payload.PayloadEntry;
import dev.polyboot.core.secureboot.StickSecureBoot;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a disk and says what it is: a polyboot stick (with version, payload, sizes) or not (with why not).
 * Read-only; a damaged stick gives problems, not exceptions, wherever the rest can still be read.
 */
public final class StickInspector {
    private static final int MAX_IDENTITY_BYTES = 64 * 1024;
    private final Clock clock;

    public StickInspector(Clock clock) {
        this.clock = clock;
    }

    /** Quick test used by the safety rules: partition types right and the identity file present. */
    public boolean holdsPolyboot(BlockDevice dev) throws IOException {
        return inspect(dev).polyboot();
    }

    public StickInfo inspect(BlockDevice dev) throws IOException {
        List<String> problems = new ArrayList<>();
        StickDisk disk;
        try {
            disk = StickDisk.read(dev);
        } catch (FormatException e) {
            problems.add("partition table unreadable: " + e.getMessage());
            return new StickInfo(dev.size(), dev.sectorSize(), false, "NONE", null, List.of(), null, null, null, null,
                    null, null, List.of(), problems);
        }
        problems.addAll(disk.table().findings());
        VolumeSummary data = null;
        VolumeSummary boot = null;
        String version = null;
        String payloadVersion = null;
        String payloadDigest = null;
        String console = null;
        List<PayloadEntry> manifest = List.of();
        StickSecureBoot secureBoot = StickSecureBoot.NONE;
        if (disk.data().isEmpty()) problems.add("no exFAT-type data partition 1");
        if (disk.boot().isEmpty()) problems.add("no ESP-type boot partition 2");
        if (disk.data().isPresent()) {
            try (ExfatVolume v = ExfatVolume.open(disk.dataSlice(), clock)) {
                data = new VolumeSummary("exFAT", v.label(), v.totalBytes(), v.freeBytes(), v.clusterSize());
                for (FsEntry p : PartialCopies.find(v::list)) {
                    problems.add("leftover partial copy " + p.path() + " (" + p.size() + " bytes) of an interrupted add;"
                            + " the next add, remove or refresh removes it");
                }
            } catch (FormatException e) {
                problems.add("data partition is not a readable exFAT volume: " + e.getMessage());
            }
        }
        if (disk.boot().isPresent()) {
            try (FatVolume v = FatVolume.open(disk.bootSlice(), clock)) {
                boot = new VolumeSummary("FAT" + v.fatBits(), v.label(), v.totalBytes(), v.freeBytes(), v.clusterSize());
                if (v.stat(EspContents.VERSION).isPresent()) {
                    String id = new String(EspFiles.readSmall(v, EspContents.VERSION, MAX_IDENTITY_BYTES), StandardCharsets.UTF_8);
                    version = field(id, "polyboot ");
                    payloadVersion = field(id, "boot payload: ");
                    payloadDigest = field(id, "payload sha256: ");
                    console = field(id, "console: ");
                } else {
                    problems.add("boot partition has no " + EspContents.VERSION);
                }
                if (v.stat(EspContents.MANIFEST).isPresent()) {
                    manifest = ManifestFile.parse(EspFiles.readSmall(v, EspContents.MANIFEST, ManifestFile.MAX_BYTES));
                }
                secureBoot = secureBoot(v, problems);
            } catch (FormatException e) {
                problems.add("boot partition is not a readable FAT volume: " + e.getMessage());
            }
        }
        boolean polyboot = data != null && boot != null && version != null;
        return new StickInfo(dev.size(), dev.sectorSize(), polyboot, disk.table().style().name(), disk.table().diskId(),
                disk.table().partitions(), data, boot, version, payloadVersion, payloadDigest, console, manifest, problems,
                secureBoot);
    }

    /** Secure Boot wiring (issue 12): the layout and key fingerprints; a damaged certificate is a problem, not a failure. */
    private static StickSecureBoot secureBoot(FatVolume v, List<String> problems) throws IOException {
        try {
            String openPgp = null;
            if (v.stat(EspContents.VERSION).isPresent()) {
                openPgp = field(new String(EspFiles.readSmall(v, EspContents.VERSION, MAX_IDENTITY_BYTES), StandardCharsets.UTF_8),
                        EspContents.VERSION_OPENPGP);
            }
            return StickSecureBoot.read(v, openPgp);
        } catch (IOException e) {
            problems.add("Secure Boot files unreadable: " + e.getMessage());
            return StickSecureBoot.NONE;
        }
    }

    private static String field(String text, String prefix) {
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) return line.substring(prefix.length()).trim();
        }
        return null;
    }
}
