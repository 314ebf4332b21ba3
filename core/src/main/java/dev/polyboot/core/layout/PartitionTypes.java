package dev.polyboot.core.layout;

import dev.polyboot.formats.gpt.GptTypes;
import java.util.UUID;

/** Partition type codes polyboot uses (MBR system IDs and GPT type GUIDs, UEFI 2.10 §5.3.3). */
public final class PartitionTypes {
    private PartitionTypes() {}

    /** MBR 0x07: exFAT / NTFS / IFS — what Windows and Linux expect for an exFAT partition. */
    public static final int MBR_EXFAT = 0x07;
    /** MBR 0xEF: EFI system partition. */
    public static final int MBR_ESP = 0xEF;

    public static final UUID GPT_BASIC_DATA = GptTypes.BASIC_DATA;
    public static final UUID GPT_ESP = GptTypes.EFI_SYSTEM;
    /** "Hah!IdontNeedEFI": GRUB's BIOS boot partition. */
    public static final UUID GPT_BIOS_BOOT = GptTypes.BIOS_BOOT;
}
