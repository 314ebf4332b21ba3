package dev.polyboot.formats.exfat;

/**
 * One result of {@link ExfatCheck}: what kind of problem, how bad, and a message naming the path, cluster,
 * expected and actual values.
 */
public record ExfatFinding(Kind kind, Severity severity, String message) {
    public enum Severity {
        /** Writing on the volume could lose data, or a reader may see something else than we do. */
        ERROR,
        /** Harmless for our writer (space leaked, flag left set); fsck.exfat tidies it. */
        WARNING
    }

    public enum Kind {
        /** The main boot region fails its checks; the backup region was used to open the volume. */
        BOOT_REGION_MAIN_INVALID,
        /** Main and backup boot regions differ (outside VolumeFlags and PercentInUse), or the backup is invalid. */
        BOOT_REGION_MISMATCH,
        /** Clusters a file, directory or system structure uses are marked free in the allocation bitmap. */
        USED_CLUSTERS_MARKED_FREE,
        /** One cluster belongs to two files or directories. */
        CROSS_LINK,
        /** A directory's clusters are those of a directory already walked (itself, an ancestor, another one). */
        DIRECTORY_LOOP,
        /** A directory or FAT chain could not be read (bad entry set, chain cycle, out-of-range cluster). */
        DAMAGED_STRUCTURE,
        /** The tree is deeper or larger than the check's caps; the rest was not checked. */
        TOO_LARGE_TO_CHECK,
        /** Clusters allocated in the bitmap that nothing references (an interrupted write or delete). */
        LOST_CLUSTERS,
        /** VolumeDirty was set when the volume was opened: another writer did not finish. */
        VOLUME_DIRTY
    }

    public ExfatFinding {
        if (kind == null || severity == null || message == null) throw new IllegalArgumentException("null field");
    }

    static ExfatFinding error(Kind kind, String message) {
        return new ExfatFinding(kind, Severity.ERROR, message);
    }

    static ExfatFinding warning(Kind kind, String message) {
        return new ExfatFinding(kind, Severity.WARNING, message);
    }

    @Override
    public String toString() {
        return severity + " " + kind + ": " + message;
    }
}
