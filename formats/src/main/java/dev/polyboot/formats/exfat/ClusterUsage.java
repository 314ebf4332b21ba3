package dev.polyboot.formats.exfat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which clusters the directory tree references, collected by {@link ExfatCheck}: every run is compared with
 * the allocation bitmap (referenced but free) and with the runs taken before it (cross-links) as it is added.
 */
final class ClusterUsage {
    /** Cross-link findings beyond this many are summed up in one. */
    static final int MAX_CROSS_LINK_FINDINGS = 20;

    private record Owner(List<ClusterRun> runs, String path) {}

    private final AllocationBitmap bitmap;
    private final long clusterCount;
    private final BitSet referenced = new BitSet();
    private final List<Owner> owners = new ArrayList<>();
    private final List<ExfatFinding> crossLinks = new ArrayList<>();
    private long crossLinkedPaths;
    private long markedFree;
    private String firstFreePath;
    private long firstFreeCluster;

    ClusterUsage(AllocationBitmap bitmap, long clusterCount) {
        this.bitmap = bitmap;
        this.clusterCount = clusterCount;
    }

    boolean isReferenced(long cluster) {
        return referenced.get((int) (cluster - 2));
    }

    /** Records that {@code path} uses {@code runs} (already range-checked against the heap). */
    void add(List<ClusterRun> runs, String path) {
        long shared = 0;
        long firstShared = -1;
        for (ClusterRun r : runs) {
            for (long c = r.first(); c < r.end(); c++) {
                int i = (int) (c - 2);
                if (referenced.get(i)) {
                    if (shared++ == 0) firstShared = c;
                } else {
                    referenced.set(i);
                }
                if (!bitmap.isUsed(c) && markedFree++ == 0) {
                    firstFreePath = path;
                    firstFreeCluster = c;
                }
            }
        }
        if (shared > 0) {
            crossLinkedPaths++;
            if (crossLinks.size() < MAX_CROSS_LINK_FINDINGS) {
                crossLinks.add(ExfatFinding.error(ExfatFinding.Kind.CROSS_LINK, "cross-link: " + path + " and "
                        + ownerOf(firstShared) + " both use cluster " + firstShared
                        + (shared > 1 ? " (" + shared + " shared clusters in all)" : "")
                        + "; expected every cluster to belong to one file"));
            }
        }
        owners.add(new Owner(runs, path));
    }

    private String ownerOf(long cluster) {
        for (Owner o : owners) {
            for (ClusterRun r : o.runs()) {
                if (cluster >= r.first() && cluster < r.end()) return o.path();
            }
        }
        return "?";
    }

    void report(List<ExfatFinding> out) {
        if (markedFree > 0) {
            out.add(ExfatFinding.error(ExfatFinding.Kind.USED_CLUSTERS_MARKED_FREE, markedFree
                    + " cluster(s) in use are marked free in the allocation bitmap, first cluster " + firstFreeCluster
                    + " of " + firstFreePath + "; expected allocated, was free (a write would overwrite them)"));
        }
        out.addAll(crossLinks);
        if (crossLinkedPaths > crossLinks.size()) {
            out.add(ExfatFinding.error(ExfatFinding.Kind.CROSS_LINK, (crossLinkedPaths - crossLinks.size())
                    + " more cross-linked files or directories not listed"));
        }
        long lost = 0;
        long firstLost = -1;
        for (long c = 2; c < clusterCount + 2; c++) {
            if (bitmap.isUsed(c) && !referenced.get((int) (c - 2)) && lost++ == 0) firstLost = c;
        }
        if (lost > 0) {
            out.add(ExfatFinding.warning(ExfatFinding.Kind.LOST_CLUSTERS, lost
                    + " lost cluster(s): allocated in the bitmap but used by no file or directory, first cluster "
                    + firstLost + " (fsck.exfat frees them)"));
        }
    }
}
