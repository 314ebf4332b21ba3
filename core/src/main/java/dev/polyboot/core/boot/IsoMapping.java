package dev.polyboot.core.boot;

import java.util.List;
import java.util.Objects;

/**
 * Where an image file lies on the data partition and what it looks like, recorded at {@code add}/{@code refresh}
 * time so that the initramfs helper can map exactly these bytes as a block device and check them first
 * (payload/src/helper/README.md). A file moved, replaced or defragmented since then fails the fingerprint and is
 * not mapped.
 *
 * @param runs        the file's bytes in file order, as byte ranges of the data partition
 * @param fingerprint {@link IsoFingerprint} of the file (64 lower-case hex digits)
 */
public record IsoMapping(List<Run> runs, String fingerprint) {
    /** One contiguous range of the data partition, in bytes. */
    public record Run(long offset, long length) {
        public Run {
            if (offset < 0 || length <= 0) throw new IllegalArgumentException("bad run " + offset + "+" + length);
            // the helper maps 512-byte sectors (loop offset, dm linear); exFAT clusters always start aligned
            if (offset % 512 != 0) throw new IllegalArgumentException("run " + offset + "+" + length + " does not start on a sector");
        }
    }

    public IsoMapping {
        runs = List.copyOf(runs);
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs");
        if (!fingerprint.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a fingerprint: " + fingerprint);
    }

    public long length() {
        return runs.stream().mapToLong(Run::length).sum();
    }

    public boolean contiguous() {
        return runs.size() == 1;
    }
}
