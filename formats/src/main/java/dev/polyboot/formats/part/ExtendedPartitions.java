package dev.polyboot.formats.part;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.mbr.Mbr;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Logical partitions: a chain of extended boot records inside the extended partition. Each EBR's first entry
 * is a logical partition relative to that EBR, its second entry links to the next EBR relative to the start of
 * the extended partition. The chain is hostile input: bounded in length, checked for cycles and bounds.
 */
final class ExtendedPartitions {
    /** Linux stops at a similar number; no real disk comes close. */
    static final int MAX_LOGICAL = 128;

    private ExtendedPartitions() {}

    static List<PartitionInfo> logical(BlockDevice dev, MbrPartition extended, long diskSignature) throws IOException {
        long ss = dev.sectorSize();
        long diskSectors = dev.size() / ss;
        long base = extended.firstLba();
        long extEnd = Math.min(extended.endLba(), diskSectors);
        List<PartitionInfo> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long ebr = base;
        int number = 5;
        while (true) {
            long offset = ebr * ss;
            if (ebr < base || ebr >= extEnd) {
                throw new CorruptStructureException("EBR", offset, "LBA", "inside the extended partition " + base + ".." + (extEnd - 1), ebr);
            }
            if (!seen.add(ebr)) throw new CorruptStructureException("EBR", offset, "next EBR link", "no cycle", "EBR revisited");
            if (out.size() >= MAX_LOGICAL) throw new CorruptStructureException("EBR", offset, "logical partitions", "at most " + MAX_LOGICAL, "more");
            byte[] sector = dev.read(offset, Mbr.SIZE).array();
            if (!MbrCodec.hasBootSignature(sector)) {
                // An empty extended partition (no EBR written yet) is legal; later links must be valid.
                if (ebr == base) return out;
                throw new CorruptStructureException("EBR", offset + 510, "boot signature", "55 AA", "other bytes");
            }
            Mbr record = MbrCodec.decode(sector);
            MbrPartition logical = record.partition(0);
            if (!logical.isEmpty()) {
                out.add(PartitionTables.info(number++, logical, ebr + logical.firstLba(), ss, diskSignature));
            }
            MbrPartition link = record.partition(1);
            if (link.isEmpty() || !link.isExtended()) return out;
            ebr = base + link.firstLba();
        }
    }
}
