package dev.polyboot.formats.part;

/**
 * One partition in the style-neutral view. Numbers are what Linux uses: MBR slots 1-4 and logical partitions
 * from 5; GPT slot index + 1. {@code mbrType} is -1 on GPT; {@code gptType} and {@code name} are null on MBR.
 * {@code partUuid} is the GPT unique GUID, or Linux's MBR PARTUUID form {@code SSSSSSSS-NN}.
 * {@code bootable}: MBR status 0x80, or GPT attribute bit 2 (legacy BIOS bootable).
 */
public record PartitionInfo(int number, long startByte, long sizeBytes, int mbrType, String gptType, String name,
                            boolean bootable, String partUuid) {
    public long endByte() {
        return startByte + sizeBytes;
    }
}
