package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.StructureReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The descriptors of a volume descriptor sequence (ECMA-167 3/8.4) that UDF reading needs: the primary volume
 * descriptor's name, the partition descriptors and the logical volume descriptor. Of several with the same
 * purpose the one with the highest volume descriptor sequence number wins (3/8.4.3). Pointer descriptors are
 * followed; the walk is capped and loops are refused.
 */
record VolumeDescriptorSequence(String volumeId, List<PartitionDescriptor> partitions, LogicalVolumeDescriptor logicalVolume) {
    static final int MAX_DESCRIPTORS = 4096;
    static final String STRUCTURE = "UDF volume descriptor sequence";

    VolumeDescriptorSequence {
        partitions = List.copyOf(partitions);
    }

    static VolumeDescriptorSequence read(BlockDevice dev, int sectorSize, AllocationDescriptor extent) throws IOException {
        long volumeSectors = dev.size() / sectorSize;
        String volumeId = null;
        long pvdSequence = -1;
        List<PartitionDescriptor> partitions = new ArrayList<>();
        LogicalVolumeDescriptor lvd = null;
        Set<Long> visited = new HashSet<>();
        long sector = extent.block();
        long remaining = extent.length() / sectorSize;
        int seen = 0;
        while (remaining > 0) {
            if (++seen > MAX_DESCRIPTORS || !visited.add(sector)) {
                throw new CorruptStructureException(STRUCTURE, sector * sectorSize, "descriptors",
                        "at most " + MAX_DESCRIPTORS + ", without a loop", seen + " at sector " + sector);
            }
            long offset = Math.multiplyExact(sector, (long) sectorSize);
            ByteBuffer b = StructureReads.read(dev, offset, sectorSize, ByteOrder.LITTLE_ENDIAN, STRUCTURE);
            DescriptorTag tag = DescriptorTag.read(b, 0, sector, STRUCTURE, offset);
            switch (tag.identifier()) {
                case DescriptorTag.TERMINATING -> remaining = 0;
                case DescriptorTag.POINTER -> {
                    AllocationDescriptor next = AllocationDescriptor.extentAd(b, 20);
                    sector = next.block();
                    remaining = next.length() / sectorSize;
                    continue;
                }
                case DescriptorTag.PRIMARY_VOLUME -> {
                    long seq = Unsigned.u32(b, 16);
                    if (seq > pvdSequence) {
                        pvdSequence = seq;
                        volumeId = OstaStrings.dstring(b, 24, 32, "UDF primary volume descriptor", offset + 24);
                    }
                }
                case DescriptorTag.PARTITION -> {
                    PartitionDescriptor pd = PartitionDescriptor.decode(b, offset, volumeSectors);
                    partitions.removeIf(p -> p.number() == pd.number() && p.sequenceNumber() <= pd.sequenceNumber());
                    if (partitions.stream().noneMatch(p -> p.number() == pd.number())) partitions.add(pd);
                }
                case DescriptorTag.LOGICAL_VOLUME -> {
                    LogicalVolumeDescriptor l = LogicalVolumeDescriptor.decode(b, offset);
                    if (lvd == null || l.sequenceNumber() >= lvd.sequenceNumber()) lvd = l;
                }
                case 0 -> throw new CorruptStructureException(STRUCTURE, offset, "tag identifier", "a volume descriptor", 0);
                default -> { } // implementation use, unallocated space: not needed for reading
            }
            sector++;
            remaining--;
        }
        if (lvd == null) throw new CorruptStructureException(STRUCTURE, extent.block() * sectorSize, "logical volume descriptor", "present", "missing");
        if (partitions.isEmpty()) throw new CorruptStructureException(STRUCTURE, extent.block() * sectorSize, "partition descriptor", "present", "missing");
        return new VolumeDescriptorSequence(volumeId == null ? "" : volumeId, partitions, lvd);
    }
}
