package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.StructureReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The volume level of a UDF image: sector size and anchor (ECMA-167 3/10.2, at sector 256, else N-256 or N-1),
 * the volume descriptor sequence (main, else reserve), and the partition maps turned into block addressing.
 * Only type 1 partition maps are read; metadata (UDF 2.50+), sparable and virtual partitions are refused.
 */
final class UdfVolume {
    static final int[] SECTOR_SIZES = {2048, 512, 4096, 1024};
    static final String ANCHOR = "UDF anchor volume descriptor pointer";

    final BlockDevice dev;
    final int blockSize;
    final VolumeDescriptorSequence descriptors;
    /** Index = partition reference number. */
    final List<PartitionDescriptor> partitions;

    private UdfVolume(BlockDevice dev, int blockSize, VolumeDescriptorSequence descriptors, List<PartitionDescriptor> partitions) {
        this.dev = dev;
        this.blockSize = blockSize;
        this.descriptors = descriptors;
        this.partitions = partitions;
    }

    static UdfVolume read(BlockDevice dev) throws IOException {
        CorruptStructureException damaged = null;
        for (int sectorSize : SECTOR_SIZES) {
            long sectors = dev.size() / sectorSize;
            for (long at : new long[] {256, sectors - 256, sectors - 1}) {
                if (at < 256 || at >= sectors) continue;
                ByteBuffer b = StructureReads.read(dev, at * sectorSize, sectorSize, ByteOrder.LITTLE_ENDIAN, ANCHOR);
                if (!DescriptorTag.checksumOk(b, 0) || (b.get(0) & 0xFF) != DescriptorTag.ANCHOR || b.get(1) != 0) continue;
                try {
                    DescriptorTag.read(b, 0, at, ANCHOR, at * sectorSize);
                } catch (CorruptStructureException e) {
                    if (damaged == null) damaged = e; // a damaged anchor is what the other two copies are for
                    continue;
                }
                return withAnchor(dev, sectorSize, b);
            }
        }
        if (damaged != null) throw damaged;
        throw new CorruptStructureException(ANCHOR, 256L * 2048, "tag", "an anchor at sector 256, N-256 or N-1", "none found");
    }

    private static UdfVolume withAnchor(BlockDevice dev, int sectorSize, ByteBuffer anchor) throws IOException {
        VolumeDescriptorSequence vds;
        try {
            vds = VolumeDescriptorSequence.read(dev, sectorSize, AllocationDescriptor.extentAd(anchor, 16));
        } catch (CorruptStructureException main) {
            try {
                vds = VolumeDescriptorSequence.read(dev, sectorSize, AllocationDescriptor.extentAd(anchor, 24));
            } catch (CorruptStructureException reserve) {
                main.addSuppressed(reserve);
                throw main;
            }
        }
        LogicalVolumeDescriptor lvd = vds.logicalVolume();
        if (lvd.blockSize() != sectorSize) {
            throw new UnsupportedLayoutException(LogicalVolumeDescriptor.STRUCTURE, 0, "logical block size",
                    "the sector size " + sectorSize, lvd.blockSize());
        }
        List<PartitionDescriptor> byReference = new ArrayList<>();
        for (PartitionMap map : lvd.maps()) {
            if (map.type() != 1) {
                throw new UnsupportedLayoutException(LogicalVolumeDescriptor.STRUCTURE, 0, "partition map type",
                        "1 (metadata, sparable and virtual partitions are not read)", map.type() + " " + map.typeIdentifier());
            }
            PartitionDescriptor pd = vds.partitions().stream().filter(p -> p.number() == map.partitionNumber()).findFirst()
                    .orElseThrow(() -> new CorruptStructureException(LogicalVolumeDescriptor.STRUCTURE, 0, "partition map",
                            "a partition descriptor numbered " + map.partitionNumber(), "none"));
            byReference.add(pd);
        }
        return new UdfVolume(dev, sectorSize, vds, List.copyOf(byReference));
    }

    /** Device offset of {@code length} bytes from {@code block} of partition {@code reference}, bounds-checked. */
    long offset(int reference, long block, long length, String structure) throws CorruptStructureException {
        if (reference < 0 || reference >= partitions.size()) {
            throw new CorruptStructureException(structure, 0, "partition reference", "0.." + (partitions.size() - 1), reference);
        }
        PartitionDescriptor p = partitions.get(reference);
        long partitionBytes = p.length() * blockSize; // both < 2^32 and blockSize <= 4096: no overflow
        long start = block * blockSize;
        if (block >= p.length() || length > partitionBytes - start) {
            throw new CorruptStructureException(structure, p.start() * blockSize, "extent in partition " + reference,
                    "inside its " + p.length() + " blocks", "block " + block + " + " + length + " bytes");
        }
        return p.start() * blockSize + start;
    }

    /** Reads one block of a partition and verifies its descriptor tag (location = the block number). */
    ByteBuffer descriptor(int reference, long block, String structure) throws IOException {
        long at = offset(reference, block, blockSize, structure);
        ByteBuffer b = StructureReads.read(dev, at, blockSize, ByteOrder.LITTLE_ENDIAN, structure);
        DescriptorTag.read(b, 0, block, structure, at);
        return b;
    }
}
