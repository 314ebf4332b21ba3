package dev.polyboot.formats.vhd;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The 1024-byte dynamic disk header of dynamic and differencing VHDs (VHD spec 1.0, "Dynamic Disk Header
 * Format"), big-endian, with its decoder. Parent locator entries are not modelled: polyboot only reports that a
 * differencing disk has a parent, by name.
 *
 * @param tableOffset     offset of the block allocation table (BAT)
 * @param maxTableEntries BAT entries (4 bytes each)
 * @param blockSize       bytes per block, a power of two, normally 2 MiB
 * @param parentName      UTF-16BE parent file name, trailing NULs removed (differencing disks)
 */
public record VhdDynamicHeader(long tableOffset, long headerVersion, long maxTableEntries, long blockSize,
                               UUID parentUniqueId, long parentTimestamp, String parentName) {
    public static final int SIZE = 1024;
    static final int COOKIE = 0;
    static final int TABLE_OFFSET = 16;
    static final int HEADER_VERSION = 24;
    static final int MAX_TABLE_ENTRIES = 28;
    static final int BLOCK_SIZE = 32;
    static final int CHECKSUM = 36;
    static final int PARENT_UNIQUE_ID = 40;
    static final int PARENT_TIMESTAMP = 56;
    static final int PARENT_NAME = 64;
    static final int PARENT_NAME_SIZE = 512;
    public static final String COOKIE_TEXT = "cxsparse";

    public VhdDynamicHeader {
        Objects.requireNonNull(parentUniqueId, "parentUniqueId");
        Objects.requireNonNull(parentName, "parentName");
    }

    /**
     * @param at         the header's offset on the device
     * @param deviceSize for the BAT bounds check
     */
    public static VhdDynamicHeader decode(byte[] header, long at, long deviceSize) throws CorruptStructureException {
        String structure = "VHD dynamic disk header";
        if (header.length != SIZE) throw new CorruptStructureException(structure, at, "length", SIZE, header.length);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
        String cookie = VhdFooterCodec.ascii(header, COOKIE, 8);
        if (!cookie.equals(COOKIE_TEXT)) {
            throw new CorruptStructureException(structure, at, "cookie", "\"cxsparse\"", VhdFooterCodec.quoted(cookie));
        }
        long stored = Unsigned.u32(b, CHECKSUM);
        long computed = VhdFooterCodec.checksum(header, CHECKSUM);
        if (stored != computed) {
            throw new CorruptStructureException(structure, at + CHECKSUM, "checksum", VhdFooterCodec.hex(computed),
                    VhdFooterCodec.hex(stored));
        }
        long blockSize = Unsigned.u32(b, BLOCK_SIZE);
        if (blockSize < 512 || Long.bitCount(blockSize) != 1) {
            throw new CorruptStructureException(structure, at + BLOCK_SIZE, "block size", "a power of two >= 512", blockSize);
        }
        long tableOffset = b.getLong(TABLE_OFFSET);
        long entries = Unsigned.u32(b, MAX_TABLE_ENTRIES);
        if (tableOffset < 0 || tableOffset > deviceSize || entries * 4 > deviceSize - tableOffset) {
            throw new CorruptStructureException(structure, at + TABLE_OFFSET, "table offset",
                    "a BAT of " + entries + " entries inside the file of " + deviceSize + " bytes", tableOffset);
        }
        String parent = new String(header, PARENT_NAME, PARENT_NAME_SIZE, StandardCharsets.UTF_16BE);
        int nul = parent.indexOf('\0');
        return new VhdDynamicHeader(tableOffset, Unsigned.u32(b, HEADER_VERSION), entries, blockSize,
                new UUID(b.getLong(PARENT_UNIQUE_ID), b.getLong(PARENT_UNIQUE_ID + 8)), Unsigned.u32(b, PARENT_TIMESTAMP),
                nul < 0 ? parent : parent.substring(0, nul));
    }
}
