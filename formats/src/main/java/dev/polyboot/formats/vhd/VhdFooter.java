package dev.polyboot.formats.vhd;

import java.util.Objects;
import java.util.UUID;

/**
 * The 512-byte VHD hard disk footer (Microsoft "Virtual Hard Disk Image Format Specification" 1.0, "Hard Disk
 * Footer Format"): at the end of every VHD and, for dynamic and differencing disks, copied at offset 0. All
 * numbers big-endian. The checksum is not a field: {@link VhdFooterCodec} checks it.
 *
 * @param dataOffset  offset of the dynamic disk header, {@link #NO_DATA_OFFSET} for fixed disks
 * @param currentSize the virtual disk's size in bytes
 * @param diskType    open value: {@link #TYPE_FIXED}, {@link #TYPE_DYNAMIC}, {@link #TYPE_DIFFERENCING}
 * @param creatorApp  four ASCII characters, e.g. {@code "qemu"}, {@code "win "}
 */
public record VhdFooter(long features, long formatVersion, long dataOffset, long timestamp, String creatorApp,
                        long creatorVersion, String creatorHostOs, long originalSize, long currentSize, int cylinders,
                        int heads, int sectorsPerTrack, long diskType, UUID uniqueId, int savedState) {
    public static final int SIZE = 512;
    static final int COOKIE = 0;
    static final int FEATURES = 8;
    static final int FORMAT_VERSION = 12;
    static final int DATA_OFFSET = 16;
    static final int TIMESTAMP = 24;
    static final int CREATOR_APP = 28;
    static final int CREATOR_VERSION = 32;
    static final int CREATOR_HOST_OS = 36;
    static final int ORIGINAL_SIZE = 40;
    static final int CURRENT_SIZE = 48;
    static final int CYLINDERS = 56;
    static final int HEADS = 58;
    static final int SECTORS = 59;
    static final int DISK_TYPE = 60;
    static final int CHECKSUM = 64;
    static final int UNIQUE_ID = 68;
    static final int SAVED_STATE = 84;

    public static final String COOKIE_TEXT = "conectix";
    public static final long NO_DATA_OFFSET = -1L;
    public static final long TYPE_FIXED = 2;
    public static final long TYPE_DYNAMIC = 3;
    public static final long TYPE_DIFFERENCING = 4;

    public VhdFooter {
        Objects.requireNonNull(uniqueId, "uniqueId");
    }

    public VirtualDiskType type() {
        if (diskType == TYPE_FIXED) return VirtualDiskType.FIXED;
        if (diskType == TYPE_DYNAMIC) return VirtualDiskType.DYNAMIC;
        if (diskType == TYPE_DIFFERENCING) return VirtualDiskType.DIFFERENCING;
        return VirtualDiskType.UNKNOWN;
    }

    /** Dynamic and differencing disks have a dynamic header (and a footer copy at offset 0). */
    public boolean isSparse() {
        return diskType == TYPE_DYNAMIC || diskType == TYPE_DIFFERENCING;
    }
}
