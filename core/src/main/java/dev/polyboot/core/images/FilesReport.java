package dev.polyboot.core.images;

import java.util.List;

/**
 * What {@code verify --full} found reading every file of the data partition back from the stick (uncached).
 *
 * @param files     one check per file, in path order
 * @param bytesRead bytes read from the stick
 * @param nanos     time the reading took
 */
public record FilesReport(List<FileCheck> files, long bytesRead, long nanos) {
    public FilesReport {
        files = List.copyOf(files);
    }

    /** How one file read back. */
    public enum Status {
        /** Its SHA-256 equals the one add recorded. */
        OK,
        /** Readable, but add recorded no hash for it (copied by hand, or polyboot's own files). */
        NOT_RECORDED,
        /** Its SHA-256 differs from the one add recorded: the stick does not hold what was copied. */
        DIFFERS,
        /** Reading it failed. */
        UNREADABLE
    }

    /**
     * @param detail for DIFFERS the two digests, for UNREADABLE the error; null otherwise
     */
    public record FileCheck(String path, long size, Status status, String detail) {}

    public boolean ok() {
        return files.stream().noneMatch(f -> f.status() == Status.DIFFERS || f.status() == Status.UNREADABLE);
    }

    public long count(Status s) {
        return files.stream().filter(f -> f.status() == s).count();
    }
}
