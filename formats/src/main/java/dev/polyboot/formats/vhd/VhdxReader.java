package dev.polyboot.formats.vhd;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.gpt.Guids;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.StructureReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads what identifies a VHDX ([MS-VHDX] 2.2): file type identifier, current header, region table, metadata
 * table and the metadata items giving type, virtual size and sector sizes. The log is never replayed (a pending
 * log is visible through {@link VhdxHeader#hasPendingLog()}); the BAT is not read.
 */
public final class VhdxReader {
    static final long SIGNATURE_VHDXFILE = 0x656C696678646876L; // "vhdxfile"
    static final int CREATOR = 8;
    static final int CREATOR_SIZE = 512;
    static final long MAX_VIRTUAL_SIZE = 64L << 40; // the spec's limit, 64 TiB

    private VhdxReader() {}

    public static boolean looksLikeVhdx(BlockDevice dev) throws IOException {
        return dev.size() >= 8 && StructureReads.read(dev, 0, 8, ByteOrder.LITTLE_ENDIAN, "VHDX").getLong(0) == SIGNATURE_VHDXFILE;
    }

    public static VhdxInfo read(BlockDevice dev) throws IOException {
        ByteBuffer id = StructureReads.read(dev, 0, CREATOR + CREATOR_SIZE, ByteOrder.LITTLE_ENDIAN, "VHDX file type identifier");
        long signature = id.getLong(0);
        if (signature != SIGNATURE_VHDXFILE) {
            throw new CorruptStructureException("VHDX file type identifier", 0, "signature", "\"vhdxfile\"",
                    String.format("0x%016x", signature));
        }
        String creator = new String(id.array(), CREATOR, CREATOR_SIZE, StandardCharsets.UTF_16LE);
        int nul = creator.indexOf('\0');
        if (nul >= 0) creator = creator.substring(0, nul);

        VhdxHeader header = currentHeader(dev);
        VhdxRegionTable regions = regionTable(dev);
        for (VhdxRegion r : regions.regions()) {
            if (r.required() && !r.guid().equals(VhdxRegion.BAT) && !r.guid().equals(VhdxRegion.METADATA)) {
                throw new UnsupportedLayoutException("VHDX region table", regions.offset(), "required region", "BAT or metadata",
                        r.guid());
            }
        }
        VhdxRegion meta = regions.find(VhdxRegion.METADATA).orElseThrow(() -> new CorruptStructureException(
                "VHDX region table", regions.offset(), "metadata region", VhdxRegion.METADATA, "missing"));
        if (meta.length() < VhdxMetadataTable.SIZE) {
            throw new CorruptStructureException("VHDX region table", regions.offset(), "metadata region length",
                    "at least " + VhdxMetadataTable.SIZE, meta.length());
        }
        VhdxMetadataTable table = VhdxMetadataTable.decode(bytes(dev, meta.fileOffset(), VhdxMetadataTable.SIZE, "VHDX metadata table"),
                meta.fileOffset(), meta.length());
        for (VhdxMetadataItem item : table.items()) {
            if (item.isRequired() && !VhdxMetadataItem.isKnown(item.itemId())) {
                throw new UnsupportedLayoutException("VHDX metadata table", meta.fileOffset(), "required item", "a known item",
                        item.itemId());
            }
        }
        ByteBuffer params = item(dev, meta, table, VhdxMetadataItem.FILE_PARAMETERS, 8);
        long blockSize = Unsigned.u32(params, 0);
        long flags = Unsigned.u32(params, 4);
        if (blockSize < (1 << 20) || blockSize > (256 << 20) || Long.bitCount(blockSize) != 1) {
            throw new CorruptStructureException("VHDX file parameters", meta.fileOffset(), "block size",
                    "a power of two in 1 MiB..256 MiB", blockSize);
        }
        int logical = sectorSize(dev, meta, table, VhdxMetadataItem.LOGICAL_SECTOR_SIZE, "logical sector size");
        int physical = sectorSize(dev, meta, table, VhdxMetadataItem.PHYSICAL_SECTOR_SIZE, "physical sector size");
        long size = item(dev, meta, table, VhdxMetadataItem.VIRTUAL_DISK_SIZE, 8).getLong(0);
        if (size <= 0 || size > MAX_VIRTUAL_SIZE || size % logical != 0) {
            throw new CorruptStructureException("VHDX virtual disk size", meta.fileOffset(), "virtual disk size",
                    "a multiple of " + logical + " up to 64 TiB", Long.toUnsignedString(size));
        }
        UUID diskId = Guids.read(item(dev, meta, table, VhdxMetadataItem.VIRTUAL_DISK_ID, 16), 0);
        return new VhdxInfo(creator, header, regions, table, blockSize, (flags & 1) != 0, (flags & 2) != 0, size, logical,
                physical, diskId);
    }

    private static VhdxHeader currentHeader(BlockDevice dev) throws IOException {
        VhdxHeader first = null;
        VhdxHeader second = null;
        CorruptStructureException problem = null;
        try {
            first = VhdxHeader.decode(bytes(dev, VhdxHeader.FIRST_OFFSET, VhdxHeader.SIZE, "VHDX header"), VhdxHeader.FIRST_OFFSET);
        } catch (CorruptStructureException e) {
            problem = e;
        }
        try {
            second = VhdxHeader.decode(bytes(dev, VhdxHeader.SECOND_OFFSET, VhdxHeader.SIZE, "VHDX header"), VhdxHeader.SECOND_OFFSET);
        } catch (CorruptStructureException e) {
            if (first == null) {
                throw new CorruptStructureException("VHDX header", VhdxHeader.FIRST_OFFSET,
                        "both headers invalid: " + problem.getMessage() + "; " + e.getMessage());
            }
            return first;
        }
        if (first == null) return second;
        // Sequence numbers are unsigned 64-bit and only grow.
        return Long.compareUnsigned(first.sequenceNumber(), second.sequenceNumber()) >= 0 ? first : second;
    }

    private static VhdxRegionTable regionTable(BlockDevice dev) throws IOException {
        try {
            return VhdxRegionTable.decode(bytes(dev, VhdxRegionTable.FIRST_OFFSET, VhdxRegionTable.SIZE, "VHDX region table"),
                    VhdxRegionTable.FIRST_OFFSET, dev.size());
        } catch (CorruptStructureException first) {
            try {
                return VhdxRegionTable.decode(bytes(dev, VhdxRegionTable.SECOND_OFFSET, VhdxRegionTable.SIZE, "VHDX region table"),
                        VhdxRegionTable.SECOND_OFFSET, dev.size());
            } catch (CorruptStructureException second) {
                throw new CorruptStructureException("VHDX region table", VhdxRegionTable.FIRST_OFFSET,
                        "both copies invalid: " + first.getMessage() + "; " + second.getMessage());
            }
        }
    }

    private static int sectorSize(BlockDevice dev, VhdxRegion meta, VhdxMetadataTable table, UUID id, String field)
            throws IOException {
        long v = Unsigned.u32(item(dev, meta, table, id, 4), 0);
        if (v != 512 && v != 4096) throw new CorruptStructureException("VHDX metadata", meta.fileOffset(), field, "512 or 4096", v);
        return (int) v;
    }

    private static ByteBuffer item(BlockDevice dev, VhdxRegion meta, VhdxMetadataTable table, UUID id, int length)
            throws IOException {
        VhdxMetadataItem item = table.find(id).orElseThrow(() -> new CorruptStructureException("VHDX metadata table",
                meta.fileOffset(), "item " + id, "present", "missing"));
        if (item.length() < length) {
            throw new CorruptStructureException("VHDX metadata table", meta.fileOffset(), "length of item " + id,
                    "at least " + length, item.length());
        }
        return StructureReads.read(dev, meta.fileOffset() + item.offset(), length, ByteOrder.LITTLE_ENDIAN, "VHDX metadata item " + id);
    }

    private static byte[] bytes(BlockDevice dev, long at, int length, String structure) throws IOException {
        return StructureReads.read(dev, at, length, ByteOrder.LITTLE_ENDIAN, structure).array();
    }
}
