package dev.polyboot.formats.mbr;

/** What a caller asks for: a partition in sectors of the disk's logical sector size. */
public record MbrPartitionSpec(long firstLba, long sectorCount, int type, boolean active) {
    public MbrPartitionSpec {
        if (firstLba < 1) throw new IllegalArgumentException("partition must start after LBA 0: " + firstLba);
        if (sectorCount < 1) throw new IllegalArgumentException("partition must have at least one sector: " + sectorCount);
        if (type < 1 || type > 0xFF) throw new IllegalArgumentException("MBR type must be 1..255: " + type);
    }
}
