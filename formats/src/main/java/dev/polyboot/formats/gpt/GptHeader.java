package dev.polyboot.formats.gpt;

import java.util.Objects;
import java.util.UUID;

/**
 * A GPT header (UEFI 2.10 §5.3.2, table 5-5), primary in LBA 1 or backup in the last LBA. The header CRC is not
 * a field here: {@link GptHeaderCodec} checks it when decoding and computes it when encoding. Bytes between
 * {@link #headerSize()} and the end of the sector are reserved and written as zeros.
 */
public record GptHeader(long revision, long headerSize, long currentLba, long backupLba, long firstUsableLba,
                        long lastUsableLba, UUID diskGuid, long entriesLba, long entryCount, long entrySize,
                        long entriesCrc32) {
    public static final int SIZE = 92;
    static final int SIGNATURE = 0;
    static final int REVISION = 8;
    static final int HEADER_SIZE = 12;
    static final int HEADER_CRC = 16;
    static final int RESERVED = 20;
    static final int CURRENT_LBA = 24;
    static final int BACKUP_LBA = 32;
    static final int FIRST_USABLE = 40;
    static final int LAST_USABLE = 48;
    static final int DISK_GUID = 56;
    static final int ENTRIES_LBA = 72;
    static final int ENTRY_COUNT = 80;
    static final int ENTRY_SIZE = 84;
    static final int ENTRIES_CRC = 88;

    public static final long SIGNATURE_EFI_PART = 0x5452415020494645L; // "EFI PART" read little-endian
    public static final long REVISION_1_0 = 0x0001_0000L;

    public GptHeader {
        Objects.requireNonNull(diskGuid, "diskGuid");
    }

    /** Bytes of the entry array this header describes. */
    public long entriesBytes() {
        return Math.multiplyExact(entryCount, entrySize);
    }
}
