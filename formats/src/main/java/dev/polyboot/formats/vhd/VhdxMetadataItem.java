package dev.polyboot.formats.vhd;

import java.util.Objects;
import java.util.UUID;

/**
 * One metadata table entry ([MS-VHDX] 2.2.4.1).
 *
 * @param offset from the start of the metadata region (at least 64 KiB when the length is not 0)
 */
public record VhdxMetadataItem(UUID itemId, long offset, long length, boolean isUser, boolean isVirtualDisk,
                               boolean isRequired) {
    public static final int SIZE = 32;
    public static final UUID FILE_PARAMETERS = UUID.fromString("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    public static final UUID VIRTUAL_DISK_SIZE = UUID.fromString("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    public static final UUID VIRTUAL_DISK_ID = UUID.fromString("BECA12AB-B2E6-4523-93EF-C309E000C746");
    public static final UUID LOGICAL_SECTOR_SIZE = UUID.fromString("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    public static final UUID PHYSICAL_SECTOR_SIZE = UUID.fromString("CDA348C7-445D-4471-9CC9-E9885251C556");
    public static final UUID PARENT_LOCATOR = UUID.fromString("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");

    public VhdxMetadataItem {
        Objects.requireNonNull(itemId, "itemId");
    }

    static boolean isKnown(UUID id) {
        return id.equals(FILE_PARAMETERS) || id.equals(VIRTUAL_DISK_SIZE) || id.equals(VIRTUAL_DISK_ID)
                || id.equals(LOGICAL_SECTOR_SIZE) || id.equals(PHYSICAL_SECTOR_SIZE) || id.equals(PARENT_LOCATOR);
    }
}
