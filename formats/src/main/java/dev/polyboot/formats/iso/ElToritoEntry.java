package dev.polyboot.formats.iso;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * El Torito 1.0 sections 2.2 (initial/default entry) and 2.4 (section entry). {@code section} is 0 for the initial
 * entry and n for the n-th section header; {@code platformId} is the validation entry's (initial) or the section
 * header's. The boot image occupies {@code imageOffset}..+{@code imageLength} on the device; how the length was
 * found is {@code sizeSource} (see {@link ElToritoImageSize}).
 *
 * @param mediaType   low nibble of the boot media type: 0 no emulation, 1/2/3 1.2/1.44/2.88 MB floppy, 4 hard disk
 * @param mediaFlags  the high bits of that byte in a section entry (0x20 extension follows, 0x40 ATAPI, 0x80 SCSI)
 * @param sectorCount "sector count": virtual 512-byte sectors loaded at boot
 * @param loadRba     first 2048-byte sector of the image
 */
public record ElToritoEntry(int section, int platformId, int bootIndicator, int mediaType, int mediaFlags,
                            int loadSegment, int systemType, int sectorCount, long loadRba,
                            int selectionCriteriaType, long entryOffset, long imageOffset, long imageLength,
                            ElToritoImageSize.Source sizeSource) {
    public static final int SIZE = 32;
    public static final int PLATFORM_X86 = 0;
    public static final int PLATFORM_POWERPC = 1;
    public static final int PLATFORM_MAC = 2;
    public static final int PLATFORM_EFI = 0xEF;
    public static final int BOOTABLE = 0x88;
    public static final int MEDIA_NO_EMULATION = 0;
    public static final int MEDIA_FLOPPY_1_2M = 1;
    public static final int MEDIA_FLOPPY_1_44M = 2;
    public static final int MEDIA_FLOPPY_2_88M = 3;
    public static final int MEDIA_HARD_DISK = 4;
    static final int BOOT_INDICATOR = 0;
    static final int MEDIA = 1;
    static final int LOAD_SEGMENT = 2;
    static final int SYSTEM_TYPE = 4;
    static final int SECTOR_COUNT = 6;
    static final int LOAD_RBA = 8;
    static final int SELECTION_CRITERIA = 12;

    public boolean bootable() { return bootIndicator == BOOTABLE; }
    public boolean isEfi() { return platformId == PLATFORM_EFI; }
    public boolean isBios() { return platformId == PLATFORM_X86; }
    public boolean hasExtensionFollowing() { return (mediaFlags & 0x20) != 0; }

    public String platformName() {
        return switch (platformId) {
            case PLATFORM_X86 -> "BIOS";
            case PLATFORM_POWERPC -> "PPC";
            case PLATFORM_MAC -> "Mac";
            case PLATFORM_EFI -> "UEFI";
            default -> String.format("0x%02x", platformId);
        };
    }

    public String mediaName() {
        return switch (mediaType) {
            case MEDIA_NO_EMULATION -> "none";
            case MEDIA_FLOPPY_1_2M -> "fd1.2";
            case MEDIA_FLOPPY_1_44M -> "fd1.4";
            case MEDIA_FLOPPY_2_88M -> "fd2.8";
            case MEDIA_HARD_DISK -> "hd";
            default -> "media " + mediaType;
        };
    }

    /** Decodes the raw fields; the image range is filled in later by {@link ElToritoImageSize}. */
    static ElToritoEntry decode(ByteBuffer catalog, int index, long entryOffset, int section, int platformId) {
        ByteBuffer b = catalog.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int media = Byte.toUnsignedInt(b.get(index + MEDIA));
        return new ElToritoEntry(section, platformId, Byte.toUnsignedInt(b.get(index + BOOT_INDICATOR)), media & 0x0F,
                section == 0 ? 0 : media & 0xF0, Short.toUnsignedInt(b.getShort(index + LOAD_SEGMENT)),
                Byte.toUnsignedInt(b.get(index + SYSTEM_TYPE)), Short.toUnsignedInt(b.getShort(index + SECTOR_COUNT)),
                Integer.toUnsignedLong(b.getInt(index + LOAD_RBA)),
                section == 0 ? 0 : Byte.toUnsignedInt(b.get(index + SELECTION_CRITERIA)), entryOffset, -1, -1, null);
    }

    ElToritoEntry withImage(long offset, long length, ElToritoImageSize.Source source) {
        return new ElToritoEntry(section, platformId, bootIndicator, mediaType, mediaFlags, loadSegment, systemType,
                sectorCount, loadRba, selectionCriteriaType, entryOffset, offset, length, source);
    }
}
