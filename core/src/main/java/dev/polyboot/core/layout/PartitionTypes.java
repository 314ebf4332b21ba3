package dev.polyboot.core.layout;

import java.util.UUID;

/** Partition type codes polyboot uses (MBR system IDs and GPT type GUIDs, UEFI 2.10 §5.3.3). */
public final class PartitionTypes {
    private PartitionTypes() {}

    /** MBR 0x07: exFAT / NTFS / IFS — what Windows and Linux expect for an exFAT partition. */
    public static final int MBR_EXFAT = 0x07;
    /** MBR 0xEF: EFI system partition. */
    public static final int MBR_ESP = 0xEF;

    public static final UUID GPT_BASIC_DATA = UUID.fromString("ebd0a0a2-b9e5-4433-87c0-68b6b72699c7");
    public static final UUID GPT_ESP = UUID.fromString("c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
    /** "Hah!IdontNeedEFI": GRUB's BIOS boot partition. */
    public static final UUID GPT_BIOS_BOOT = UUID.fromString("21686148-6449-6e6f-744e-656564454649");
}
