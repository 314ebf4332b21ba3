package dev.polyboot.formats.exfat;

import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only consistency check of a whole exFAT volume, the part of fsck.exfat that matters before writing:
 * boot regions (main valid, backup equal outside VolumeFlags/PercentInUse, §3.1.13, §3.4), the directory tree
 * walked from the root (depth, entry and byte caps; a directory whose clusters were walked before is a loop),
 * every FAT chain (cycle-checked by {@link Fat#walk}), and the clusters they reference against the allocation
 * bitmap (referenced but free, referenced twice, allocated but unreferenced). The bytes are never trusted:
 * a structure that cannot be read becomes a finding, not an exception, unless the volume cannot be opened at all.
 */
public final class ExfatCheck {
    static final String STRUCTURE = ExfatVolume.STRUCTURE;
    /** Deeper trees are not walked further (Windows paths stop at 32,767 characters, so real ones are far shallower). */
    static final int MAX_DEPTH = 128;
    /** Files and directories walked at most: 16 M, far more than the 4 M clusters of a 512 GiB stick at 128 KiB. */
    static final long MAX_ENTRIES = 1L << 24;
    /** Bytes of the directories held at once along one path from the root (each is capped at 32 MiB too). */
    static final long MAX_PATH_DIRECTORY_BYTES = 256L << 20;
    /** VolumeFlags (2 bytes) and PercentInUse (1 byte) of the boot sector, left out of the boot checksum (§3.4). */
    private static final int[] UNCHECKSUMMED = {106, 107, 112};

    private final ClusterHeap heap;
    private final ClusterUsage usage;
    private final List<ExfatFinding> findings = new ArrayList<>();
    /** First cluster of every directory walked, and its path. */
    private final Map<Long, String> directories = new HashMap<>();
    private long files;
    private long entries;
    private boolean tooLarge;

    private ExfatCheck(ClusterHeap heap) {
        this.heap = heap;
        this.usage = new ClusterUsage(heap.bitmap, heap.clusterCount);
    }

    /**
     * Checks the volume on {@code dev}. Throws only when the volume cannot be opened at all (both boot regions
     * invalid, root directory, bitmap or up-case table unreadable): {@link ExfatVolume#open} fails the same way.
     */
    public static ExfatCheckReport check(BlockDevice dev) throws IOException {
        List<ExfatFinding> bootFindings = new ArrayList<>();
        ExfatBootSector boot = checkBootRegions(dev, bootFindings);
        ClusterHeap heap = new ClusterHeap(dev, boot);
        Directory root = Directory.root(heap, boot.rootCluster());
        RootEntries rootEntries = RootEntries.read(heap, root);
        ExfatCheck c = new ExfatCheck(heap);
        c.findings.addAll(bootFindings);
        if ((boot.volumeFlags() & ExfatBootSector.FLAG_VOLUME_DIRTY) != 0) {
            c.findings.add(ExfatFinding.warning(ExfatFinding.Kind.VOLUME_DIRTY,
                    "VolumeDirty is set: the last writer did not finish (expected clear)"));
        }
        c.usage.add(rootEntries.bitmapRuns(), "(allocation bitmap)");
        c.usage.add(rootEntries.upcaseRuns(), "(up-case table)");
        c.usage.add(root.runs, "/");
        c.directories.put(boot.rootCluster(), "/");
        c.walk(root, 1, root.bytes.length);
        c.usage.report(c.findings);
        return new ExfatCheckReport(c.findings, c.directories.size(), c.files);
    }

    private void walk(Directory dir, int depth, long pathBytes) throws IOException {
        for (Directory.Item item : dir.items) {
            if (tooLarge) return;
            String path = FsPaths.join(dir.path, item.set().name());
            if (++entries > MAX_ENTRIES) {
                tooLarge(path, "more than " + MAX_ENTRIES + " files and directories");
                return;
            }
            DataStream d = item.set().data();
            long entryOffset = dir.slotOffset(heap, item.slot());
            if (!item.set().isDirectory()) files++;
            if (d.dataLength() == 0) continue;
            List<ClusterRun> runs;
            try {
                runs = heap.runs(d, path, entryOffset);
            } catch (FormatException e) {
                damaged(path, e);
                continue;
            }
            if (!item.set().isDirectory()) {
                usage.add(runs, path);
                continue;
            }
            String seen = directories.get(d.firstCluster());
            if (seen != null) {
                findings.add(ExfatFinding.error(ExfatFinding.Kind.DIRECTORY_LOOP, "directory loop: " + path
                        + " (entry at offset " + entryOffset + ") starts at cluster " + d.firstCluster() + ", which is "
                        + (path.startsWith(seen.equals("/") ? "/" : seen + "/") ? "its ancestor " : "the directory ") + seen
                        + "; expected a cluster of its own"));
                continue;
            }
            usage.add(runs, path);
            directories.put(d.firstCluster(), path);
            if (depth >= MAX_DEPTH) {
                tooLarge(path, "deeper than " + MAX_DEPTH + " directories");
                return;
            }
            if (pathBytes + d.dataLength() > MAX_PATH_DIRECTORY_BYTES) {
                tooLarge(path, "more than " + MAX_PATH_DIRECTORY_BYTES + " directory bytes along one path");
                return;
            }
            Directory child;
            try {
                child = Directory.child(heap, dir, item, path);
            } catch (FormatException e) {
                damaged(path, e);
                continue;
            }
            walk(child, depth + 1, pathBytes + d.dataLength());
        }
    }

    private void damaged(String path, FormatException e) {
        findings.add(ExfatFinding.error(ExfatFinding.Kind.DAMAGED_STRUCTURE, "cannot read " + path + ": " + e.getMessage()));
    }

    private void tooLarge(String path, String why) {
        tooLarge = true;
        findings.add(ExfatFinding.error(ExfatFinding.Kind.TOO_LARGE_TO_CHECK, "stopped at " + path + ": " + why
                + "; the rest of the tree was not checked"));
    }

    /** Reads the boot sector as {@link ExfatBootRegion#read} does, adding findings about the main and backup regions. */
    static ExfatBootSector checkBootRegions(BlockDevice dev, List<ExfatFinding> out) throws IOException {
        ExfatBootSector main;
        try {
            main = ExfatBootRegion.readAt(dev, 0);
        } catch (FormatException e) {
            ExfatBootSector backup = ExfatBootRegion.read(dev); // throws the main region's error if no backup is valid
            out.add(ExfatFinding.error(ExfatFinding.Kind.BOOT_REGION_MAIN_INVALID, "main boot region (sectors 0-11) is invalid: "
                    + e.getMessage() + "; the backup region (sectors 12-23) was used"));
            return backup;
        }
        int ss = main.sectorSize();
        long backupAt = (long) ExfatBootRegion.SECTORS * ss;
        try {
            ExfatBootRegion.readAt(dev, backupAt);
        } catch (FormatException e) {
            out.add(ExfatFinding.error(ExfatFinding.Kind.BOOT_REGION_MISMATCH, "backup boot region (sectors 12-23) is invalid: "
                    + e.getMessage() + "; expected a copy of the main region"));
            return main;
        }
        byte[] a = new byte[ExfatBootRegion.SECTORS * ss];
        byte[] b = new byte[a.length];
        dev.read(0, ByteBuffer.wrap(a));
        dev.read(backupAt, ByteBuffer.wrap(b));
        for (int i : UNCHECKSUMMED) b[i] = a[i];
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out.add(ExfatFinding.error(ExfatFinding.Kind.BOOT_REGION_MISMATCH, "main and backup boot regions differ at byte "
                        + i + " (sector " + i / ss + "): main 0x" + Integer.toHexString(a[i] & 0xFF) + ", backup 0x"
                        + Integer.toHexString(b[i] & 0xFF) + "; expected identical outside VolumeFlags and PercentInUse"));
                break;
            }
        }
        return main;
    }
}
