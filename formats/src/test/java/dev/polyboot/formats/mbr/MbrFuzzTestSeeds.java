package dev.polyboot.formats.mbr;

import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.List;

/** Small MBR disk images built with our own writer: fuzz seeds and fixtures for the EBR-chain tests. */
public final class MbrFuzzTestSeeds {
    private MbrFuzzTestSeeds() {}

    public static byte[] primariesOnly() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(4096);
        MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0x12345678, List.of(
                new MbrPartitionSpec(1, 3, 0x07, true), new MbrPartitionSpec(4, 2, 0xEF, false))));
        return dev.bytes();
    }

    /** Extended partition at LBA 2..15 with EBRs at 2, 6 and 10, each holding one logical partition. */
    public static byte[] withLogicalPartitions() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(16 * 512);
        MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0xCAFE, List.of(
                new MbrPartitionSpec(1, 1, 0x0C, false), new MbrPartitionSpec(2, 14, 0x0F, false))));
        for (long ebr : new long[] {2, 6, 10}) {
            var logical = new MbrPartitionSpec(1, 2, 0x83, false);
            var next = ebr < 10 ? List.of(logical, new MbrPartitionSpec(ebr + 4 - 2, 4, 0x05, false)) : List.of(logical);
            dev.write(ebr * 512, ByteBuffer.wrap(MbrCodec.encode(MbrBuilder.build(new byte[440], 0, next))));
        }
        return dev.bytes();
    }
}
