package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Partition descriptor (ECMA-167 3/10.5): where partition {@code number} lies in the volume, in sectors.
 *
 * @param contents the partition contents identifier, "+NSR02" (UDF 1.0x) or "+NSR03" (UDF 2.x)
 */
record PartitionDescriptor(long sequenceNumber, int number, String contents, long accessType, long start, long length) {
    static PartitionDescriptor decode(ByteBuffer b, long deviceOffset, long volumeSectors) throws CorruptStructureException {
        long start = Unsigned.u32(b, 188);
        long length = Unsigned.u32(b, 192);
        if (start > volumeSectors || length > volumeSectors - start) {
            throw new CorruptStructureException("UDF partition descriptor", deviceOffset + 188, "partition extent",
                    "inside the volume of " + volumeSectors + " sectors", start + "+" + length);
        }
        byte[] id = new byte[23];
        b.get(25, id);
        int end = 0;
        while (end < id.length && id[end] != 0) end++;
        return new PartitionDescriptor(Unsigned.u32(b, 16), Unsigned.u16(b, 22), new String(id, 0, end, StandardCharsets.ISO_8859_1),
                Unsigned.u32(b, 184), start, length);
    }
}
