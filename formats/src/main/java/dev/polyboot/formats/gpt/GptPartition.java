package dev.polyboot.formats.gpt;

import java.util.Objects;
import java.util.UUID;

/**
 * One GPT partition entry (UEFI 2.10 §5.3.3, table 5-6): first 128 bytes of each array slot. An unused slot
 * has the zero type GUID. The name is at most 36 UTF-16 code units, NUL-terminated when shorter; it is kept
 * as raw code units so unpaired surrogates survive. Bytes after the terminator are not kept (tools zero them).
 * LBAs are unsigned 64-bit on disk; values beyond {@code Long.MAX_VALUE} are rejected when decoding.
 */
public record GptPartition(UUID typeGuid, UUID uniqueGuid, long firstLba, long lastLba, long attributes, String name) {
    public static final int SIZE = 128;
    static final int TYPE_GUID = 0;
    static final int UNIQUE_GUID = 16;
    static final int FIRST_LBA = 32;
    static final int LAST_LBA = 40;
    static final int ATTRIBUTES = 48;
    static final int NAME = 56;
    public static final int NAME_CHARS = 36;

    /** Bit 0: platform required. */
    public static final long ATTR_REQUIRED = 1L;
    /** Bit 1: firmware must not produce an EFI_BLOCK_IO for it. */
    public static final long ATTR_NO_BLOCK_IO = 1L << 1;
    /** Bit 2: legacy BIOS bootable (the GPT counterpart of the MBR active flag). */
    public static final long ATTR_LEGACY_BIOS_BOOTABLE = 1L << 2;
    /** Bits 60, 62, 63 of a Microsoft basic-data partition: read-only, hidden, no drive letter. */
    public static final long ATTR_MS_READ_ONLY = 1L << 60;
    public static final long ATTR_MS_HIDDEN = 1L << 62;
    public static final long ATTR_MS_NO_AUTOMOUNT = 1L << 63;

    public static final GptPartition UNUSED = new GptPartition(Guids.ZERO, Guids.ZERO, 0, 0, 0, "");

    public GptPartition {
        Objects.requireNonNull(typeGuid, "typeGuid");
        Objects.requireNonNull(uniqueGuid, "uniqueGuid");
        Objects.requireNonNull(name, "name");
        if (name.length() > NAME_CHARS) {
            throw new IllegalArgumentException("GPT name longer than " + NAME_CHARS + " UTF-16 units: " + name);
        }
        if (name.indexOf('\0') >= 0) throw new IllegalArgumentException("GPT name contains NUL: " + name);
    }

    /** A used entry spanning {@code firstLba..lastLba} inclusive. */
    public static GptPartition of(UUID type, UUID unique, long firstLba, long lastLba, long attributes, String name) {
        if (type.equals(Guids.ZERO)) throw new IllegalArgumentException("the zero type GUID marks an unused entry");
        if (firstLba < 0 || lastLba < firstLba) {
            throw new IllegalArgumentException("bad LBA range " + firstLba + ".." + lastLba);
        }
        return new GptPartition(type, unique, firstLba, lastLba, attributes, name);
    }

    public boolean isUsed() {
        return !typeGuid.equals(Guids.ZERO);
    }

    /** Number of sectors, or 0 for a malformed entry with lastLba &lt; firstLba. */
    public long sectorCount() {
        return lastLba < firstLba ? 0 : lastLba - firstLba + 1;
    }

    @Override
    public String toString() {
        return "GptPartition[type=" + Guids.format(typeGuid) + ", unique=" + Guids.format(uniqueGuid) + ", lba=" + firstLba
                + ".." + lastLba + ", attributes=0x" + Long.toHexString(attributes) + ", name=" + name + "]";
    }
}
