package dev.polyboot.formats.vhd;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.gpt.Guids;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A 64 KiB VHDX region table at 192 KiB or 256 KiB ([MS-VHDX] 2.2.3), little-endian, with its decoder. */
public record VhdxRegionTable(long offset, List<VhdxRegion> regions) {
    public static final int SIZE = 64 << 10;
    public static final long FIRST_OFFSET = 192 << 10;
    public static final long SECOND_OFFSET = 256 << 10;
    static final int SIGNATURE = 0;
    static final int CHECKSUM = 4;
    static final int ENTRY_COUNT = 8;
    static final int ENTRIES = 16;
    static final long SIGNATURE_REGI = 0x69676572L; // "regi"
    static final int MAX_ENTRIES = 2047;

    public VhdxRegionTable {
        regions = List.copyOf(regions);
    }

    public Optional<VhdxRegion> find(UUID guid) {
        return regions.stream().filter(r -> r.guid().equals(guid)).findFirst();
    }

    public static VhdxRegionTable decode(byte[] table, long at, long fileSize) throws CorruptStructureException {
        String structure = "VHDX region table";
        if (table.length != SIZE) throw new CorruptStructureException(structure, at, "length", SIZE, table.length);
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        long signature = Unsigned.u32(b, SIGNATURE);
        if (signature != SIGNATURE_REGI) {
            throw new CorruptStructureException(structure, at, "signature", "\"regi\"", String.format("0x%08x", signature));
        }
        VhdxHeader.checkCrc32c(table, CHECKSUM, structure, at);
        long count = Unsigned.u32(b, ENTRY_COUNT);
        if (count > MAX_ENTRIES) throw new CorruptStructureException(structure, at + ENTRY_COUNT, "entry count", "at most 2047", count);
        List<VhdxRegion> regions = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int e = ENTRIES + i * VhdxRegion.SIZE;
            long offset = b.getLong(e + 16);
            long length = Unsigned.u32(b, e + 24);
            if (offset < 0 || offset > fileSize || length > fileSize - offset) {
                throw new CorruptStructureException(structure, at + e + 16, "region " + i + " file offset",
                        "inside the file of " + fileSize + " bytes", Long.toUnsignedString(offset) + "+" + length);
            }
            regions.add(new VhdxRegion(Guids.read(b, e), offset, length, (Unsigned.u32(b, e + 28) & 1) != 0));
        }
        return new VhdxRegionTable(at, regions);
    }
}
