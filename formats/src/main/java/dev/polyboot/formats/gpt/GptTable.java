package dev.polyboot.formats.gpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The logical content of a GPT: disk GUID, usable LBA range and the whole entry array, unused slots included
 * (slot index + 1 is the partition number). Where the headers and arrays go follows from the disk size and
 * is decided by {@link GptWriter}; a table read from disk carries the entry size it was read with.
 */
public record GptTable(UUID diskGuid, long firstUsableLba, long lastUsableLba, int entrySize, List<GptPartition> entries) {
    /** The entry count every partitioning tool writes, which fixes first usable LBA 34 at 512-byte sectors. */
    public static final int STANDARD_ENTRY_COUNT = 128;
    /** The spec's minimum space reserved for the entry array. */
    static final int MIN_ARRAY_BYTES = 16384;

    public GptTable {
        Objects.requireNonNull(diskGuid, "diskGuid");
        entries = List.copyOf(entries);
        if (entrySize < GptPartition.SIZE || entrySize % GptPartition.SIZE != 0) {
            throw new IllegalArgumentException("entry size must be a multiple of 128: " + entrySize);
        }
    }

    /**
     * A table as gdisk/sgdisk lay it out on a disk of {@code diskSectors} sectors: 128 entries of 128 bytes,
     * usable range between the primary array and the backup array. {@code partitions} fill slots 0, 1, ...
     */
    public static GptTable create(long diskSectors, int sectorSize, UUID diskGuid, List<GptPartition> partitions) {
        if (partitions.size() > STANDARD_ENTRY_COUNT) {
            throw new IllegalArgumentException("at most " + STANDARD_ENTRY_COUNT + " partitions: " + partitions.size());
        }
        long arraySectors = arraySectors(STANDARD_ENTRY_COUNT, GptPartition.SIZE, sectorSize);
        long first = 2 + arraySectors;
        long last = diskSectors - 2 - arraySectors;
        if (last < first) throw new IllegalArgumentException("disk too small for a GPT: " + diskSectors + " sectors");
        List<GptPartition> slots = new ArrayList<>(partitions);
        while (slots.size() < STANDARD_ENTRY_COUNT) slots.add(GptPartition.UNUSED);
        return new GptTable(diskGuid, first, last, GptPartition.SIZE, slots);
    }

    /** Sectors the entry array occupies; never less than the spec's 16 KiB. */
    static long arraySectors(long entryCount, long entrySize, int sectorSize) {
        long bytes = Math.max(Math.multiplyExact(entryCount, entrySize), MIN_ARRAY_BYTES);
        return (bytes + sectorSize - 1) / sectorSize;
    }

    /** Sectors actually covered by this table's array (what the CRC covers, rounded up). */
    long arraySectorsExact(int sectorSize) {
        long bytes = Math.multiplyExact((long) entries.size(), entrySize);
        return (bytes + sectorSize - 1) / sectorSize;
    }

    public int entryCount() {
        return entries.size();
    }

    /** Used entries only, in slot order. */
    public List<GptPartition> usedEntries() {
        return entries.stream().filter(GptPartition::isUsed).toList();
    }
}
