package dev.polyboot.formats.exfat;

/** {@code count} consecutive clusters starting at {@code first}. */
record ClusterRun(long first, long count) {
    long end() {
        return first + count;
    }
}
