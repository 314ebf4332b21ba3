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

/** The 64 KiB metadata table at the start of the metadata region ([MS-VHDX] 2.2.4), little-endian, with its decoder. */
public record VhdxMetadataTable(List<VhdxMetadataItem> items) {
    public static final int SIZE = 64 << 10;
    static final int SIGNATURE = 0;
    static final int ENTRY_COUNT = 10;
    static final int ENTRIES = 32;
    static final long SIGNATURE_METADATA = 0x617461646174656DL; // "metadata"
    static final int MAX_ENTRIES = 2047;

    public VhdxMetadataTable {
        items = List.copyOf(items);
    }

    public Optional<VhdxMetadataItem> find(UUID id) {
        return items.stream().filter(i -> i.itemId().equals(id)).findFirst();
    }

    /**
     * @param at           the region's offset in the file, for messages
     * @param regionLength items must lie inside the region
     */
    public static VhdxMetadataTable decode(byte[] table, long at, long regionLength) throws CorruptStructureException {
        String structure = "VHDX metadata table";
        if (table.length != SIZE) throw new CorruptStructureException(structure, at, "length", SIZE, table.length);
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        long signature = b.getLong(SIGNATURE);
        if (signature != SIGNATURE_METADATA) {
            throw new CorruptStructureException(structure, at, "signature", "\"metadata\"", String.format("0x%016x", signature));
        }
        int count = Unsigned.u16(b, ENTRY_COUNT);
        if (count > MAX_ENTRIES) throw new CorruptStructureException(structure, at + ENTRY_COUNT, "entry count", "at most 2047", count);
        List<VhdxMetadataItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int e = ENTRIES + i * VhdxMetadataItem.SIZE;
            long offset = Unsigned.u32(b, e + 16);
            long length = Unsigned.u32(b, e + 20);
            long flags = Unsigned.u32(b, e + 24);
            if (length > 0 && (offset < SIZE || offset + length > regionLength)) {
                throw new CorruptStructureException(structure, at + e + 16, "item " + i + " offset",
                        "inside the metadata region, after the table (" + SIZE + ".." + regionLength + ")", offset + "+" + length);
            }
            items.add(new VhdxMetadataItem(Guids.read(b, e), offset, length, (flags & 1) != 0, (flags & 2) != 0,
                    (flags & 4) != 0));
        }
        return new VhdxMetadataTable(items);
    }
}
