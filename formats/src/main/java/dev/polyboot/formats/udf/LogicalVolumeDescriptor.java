package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Logical volume descriptor (ECMA-167 3/10.6, UDF 2.60 §2.2.4): block size, the volume name, the UDF revision
 * from the domain identifier's suffix, where the file set descriptor is, and the partition maps.
 */
record LogicalVolumeDescriptor(long sequenceNumber, String volumeId, long blockSize, int udfRevision,
                               AllocationDescriptor fileSetLocation, List<PartitionMap> maps) {
    static final int MAX_MAPS = 64;
    static final String STRUCTURE = "UDF logical volume descriptor";

    LogicalVolumeDescriptor {
        maps = List.copyOf(maps);
    }

    static LogicalVolumeDescriptor decode(ByteBuffer b, long deviceOffset) throws CorruptStructureException {
        long tableLength = Unsigned.u32(b, 264);
        long count = Unsigned.u32(b, 268);
        if (count > MAX_MAPS || tableLength > b.limit() - 440) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + 264, "partition maps",
                    "at most " + MAX_MAPS + " maps in " + (b.limit() - 440) + " bytes", count + " maps in " + tableLength + " bytes");
        }
        List<PartitionMap> maps = new ArrayList<>();
        int at = 440;
        int end = 440 + (int) tableLength;
        for (int i = 0; i < count; i++) {
            if (at + 2 > end) throw new CorruptStructureException(STRUCTURE, deviceOffset + at, "partition map " + i, "inside the map table", "beyond");
            int type = b.get(at) & 0xFF;
            int len = b.get(at + 1) & 0xFF;
            if (len < 6 || at + len > end || (type == 2 && len < 40)) {
                throw new CorruptStructureException(STRUCTURE, deviceOffset + at + 1, "partition map " + i + " length",
                        type == 2 ? "64" : "6", len);
            }
            if (type == 1) {
                maps.add(new PartitionMap(1, Unsigned.u16(b, at + 2), Unsigned.u16(b, at + 4), ""));
            } else {
                byte[] id = new byte[23];
                b.get(at + 5, id);
                int n = 0;
                while (n < id.length && id[n] != 0) n++;
                maps.add(new PartitionMap(type, Unsigned.u16(b, at + 36), Unsigned.u16(b, at + 38),
                        new String(id, 0, n, StandardCharsets.ISO_8859_1)));
            }
            at += len;
        }
        return new LogicalVolumeDescriptor(Unsigned.u32(b, 16), OstaStrings.dstring(b, 84, 128, STRUCTURE, deviceOffset + 84),
                Unsigned.u32(b, 212), Unsigned.u16(b, 216 + 24), AllocationDescriptor.longAd(b, 248), maps);
    }
}
