package dev.polyboot.core.device;

import java.util.Locale;

/** What a disk holds as far as choosing a stick goes. */
public enum DiskContent {
    /** A polyboot stick (exFAT partition 1, boot partition 2 with polyboot's identity file). */
    POLYBOOT,
    /** A Ventoy stick: partition 1 exFAT/NTFS labelled "Ventoy", partition 2 a 32 MiB FAT labelled "VTOYEFI". */
    VENTOY,
    /** No partition table and no file system found. */
    BLANK,
    /** Partitions or a file system of something else. */
    OTHER,
    /** The device could not be read (usually: not root); sysfs still gave its partitions. */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
