package dev.polyboot.core.install;

import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * update's boot files, written into the existing boot partition so that the stick boots at every crash point: each
 * new file goes in under a temporary name beside its final one, then {@code Volume.replace} (crash-safe: the target
 * is the old or the new file at every point) switches it. Only used on a boot partition that opens and whose files'
 * cluster chains read back without overlap; anything else is what the reformat in {@link StickUpdater} repairs.
 */
final class BootFilesSwap {
    /** Prefix of the temporary names; leftovers of an interrupted update are deleted first. */
    static final String TEMP_PREFIX = "pbnew-";

    private BootFilesSwap() {}

    /**
     * Opens the boot partition for an in-place update, or returns null when it is not healthy enough (does not open,
     * a file's chain does not read, two files share clusters, too little free space for a second copy of the files).
     * Clusters an interrupted update left allocated but unreferenced are freed and the FAT copies made equal
     * ({@code FatVolume.reclaimLostClusters}), so that a re-run ends with a boot partition fsck.fat calls clean.
     */
    static FatVolume openForUpdate(BlockDevice slice, java.time.Clock clock, Map<String, byte[]> files) {
        FatVolume v = null;
        try {
            v = FatVolume.open(slice, clock);
            List<long[]> ranges = new ArrayList<>();
            walk(v, "/", ranges, 0);
            ranges.sort(Comparator.comparingLong(r -> r[0]));
            for (int i = 1; i < ranges.size(); i++) {
                if (ranges.get(i)[0] < ranges.get(i - 1)[1]) throw new IOException("two files share clusters");
            }
            removeLeftovers(v, files.keySet());
            v.reclaimLostClusters();
            long need = 0;
            for (byte[] b : files.values()) need += (b.length + v.clusterSize() - 1L) / v.clusterSize() * v.clusterSize();
            if (v.freeBytes() < need + 16L * v.clusterSize()) throw new IOException("too little free space for the new files");
            return v;
        } catch (IOException | RuntimeException e) {
            if (v != null) {
                try {
                    v.close();
                } catch (IOException ignored) {
                    // read-mostly so far: nothing of ours to flush
                }
            }
            return null;
        }
    }

    private static void walk(FatVolume v, String dir, List<long[]> ranges, int depth) throws IOException {
        if (depth > 16) throw new IOException("boot partition nested deeper than 16 directories");
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) {
                walk(v, e.path(), ranges, depth + 1);
            } else {
                for (Extent x : v.extents(e.path())) ranges.add(new long[] {x.deviceOffset(), x.deviceOffset() + x.length()});
            }
        }
    }

    /** Deletes temporary files an interrupted update left beside the files it writes. */
    static void removeLeftovers(FatVolume v, Iterable<String> paths) throws IOException {
        for (String p : paths) {
            String tmp = temp(p);
            if (v.stat(tmp).isPresent()) v.delete(tmp);
        }
    }

    /** Writes every file under its temporary name (parents created); the old files stay in place. */
    static void stage(FatVolume v, Map<String, byte[]> files) throws IOException, FormatException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            v.mkdirs(FsPaths.parent(f.getKey()));
            v.writeFile(temp(f.getKey()), new ByteArrayInputStream(f.getValue()), f.getValue().length);
        }
    }

    /** Switches one file from its temporary name onto its final one. */
    static void commit(FatVolume v, String path) throws IOException {
        v.replace(temp(path), path);
    }

    static String temp(String path) {
        String parent = FsPaths.parent(path);
        return FsPaths.join(parent, TEMP_PREFIX + FsPaths.name(path));
    }
}
