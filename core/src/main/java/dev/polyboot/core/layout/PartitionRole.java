package dev.polyboot.core.layout;

/** What a partition on a polyboot stick is for. */
public enum PartitionRole {
    /** Partition 1: exFAT, the user's image files. */
    DATA,
    /** Partition 2: FAT16 ESP, label PBOOT, GRUB and the menu. */
    BOOT,
    /** GPT only: EF02 partition over LBA 34–2047 so partition tools never reuse the core.img gap. */
    BIOS_BOOT
}
