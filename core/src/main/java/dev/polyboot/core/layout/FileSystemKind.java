package dev.polyboot.core.layout;

/** The file system the installer puts into a partition. */
public enum FileSystemKind {
    EXFAT,
    FAT16,
    /** Raw bytes (the BIOS boot partition holds core.img, no file system). */
    NONE
}
