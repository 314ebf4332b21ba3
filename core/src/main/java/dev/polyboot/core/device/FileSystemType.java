package dev.polyboot.core.device;

import java.util.Locale;

/** A file system (or other volume signature) found at the start of a partition or disk. */
public enum FileSystemType {
    EXFAT("exFAT"), FAT12("FAT12"), FAT16("FAT16"), FAT32("FAT32"), NTFS("NTFS"), ISO9660("ISO 9660"),
    EXT2("ext2"), EXT3("ext3"), EXT4("ext4"), SWAP("swap"), LUKS("LUKS"), LVM("LVM");

    private final String display;

    FileSystemType(String display) {
        this.display = display;
    }

    /** The lower-case name the JSON uses ("exfat", "fat16", "iso9660"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name people write ("exFAT", "FAT16", "ISO 9660"). */
    public String display() {
        return display;
    }

    public boolean isFat() {
        return this == FAT12 || this == FAT16 || this == FAT32;
    }
}
