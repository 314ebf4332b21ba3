package dev.polyboot.formats.vhd;

import dev.polyboot.formats.gpt.Guids;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32C;

/** Small VHD and VHDX images built here: fuzz seeds and the cases qemu-img cannot make (differencing). */
final class TinyVhd {
    private TinyVhd() {}

    /** A sparse VHD: footer copy, dynamic header at 512, a 4-entry BAT at 1536, footer at the end (2560 bytes). */
    static byte[] dynamicVhd(long diskType, long currentSize) {
        byte[] image = new byte[2560];
        byte[] footer = footer(diskType, currentSize, 512);
        System.arraycopy(footer, 0, image, 0, 512);
        System.arraycopy(footer, 0, image, 2048, 512);
        ByteBuffer h = ByteBuffer.wrap(image, 512, 1024).slice().order(ByteOrder.BIG_ENDIAN);
        h.put(0, "cxsparse".getBytes(StandardCharsets.US_ASCII));
        h.putLong(8, -1L);
        h.putLong(VhdDynamicHeader.TABLE_OFFSET, 1536);
        h.putInt(VhdDynamicHeader.HEADER_VERSION, 0x10000);
        h.putInt(VhdDynamicHeader.MAX_TABLE_ENTRIES, 4);
        h.putInt(VhdDynamicHeader.BLOCK_SIZE, 2 << 20);
        h.put(VhdDynamicHeader.PARENT_NAME, "parent.vhd".getBytes(StandardCharsets.UTF_16BE));
        repairVhd(image);
        for (int i = 0; i < 4; i++) ByteBuffer.wrap(image).putInt(1536 + 4 * i, -1);
        return image;
    }

    static byte[] footer(long diskType, long currentSize, long dataOffset) {
        byte[] f = new byte[512];
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN);
        b.put(0, "conectix".getBytes(StandardCharsets.US_ASCII));
        b.putInt(VhdFooter.FEATURES, 2);
        b.putInt(VhdFooter.FORMAT_VERSION, 0x10000);
        b.putLong(VhdFooter.DATA_OFFSET, dataOffset);
        b.put(VhdFooter.CREATOR_APP, "test".getBytes(StandardCharsets.US_ASCII));
        b.put(VhdFooter.CREATOR_HOST_OS, "Wi2k".getBytes(StandardCharsets.US_ASCII));
        b.putLong(VhdFooter.ORIGINAL_SIZE, currentSize);
        b.putLong(VhdFooter.CURRENT_SIZE, currentSize);
        b.putInt(VhdFooter.DISK_TYPE, (int) diskType);
        b.putLong(VhdFooter.UNIQUE_ID, 0x0123456789ABCDEFL);
        b.putInt(VhdFooter.CHECKSUM, (int) VhdFooterCodec.checksum(f, VhdFooter.CHECKSUM));
        return f;
    }

    /** Recomputes the checksums of the footer at the end, its copy at 0 and the dynamic header at 512, where present. */
    static byte[] repairVhd(byte[] image) {
        if (image.length < 512) return image;
        fixChecksum(image, image.length - 512, 512, VhdFooter.CHECKSUM);
        fixChecksum(image, 0, 512, VhdFooter.CHECKSUM);
        if (image.length >= 1536) fixChecksum(image, 512, 1024, VhdDynamicHeader.CHECKSUM);
        return image;
    }

    private static void fixChecksum(byte[] image, int at, int len, int field) {
        byte[] s = new byte[len];
        System.arraycopy(image, at, s, 0, len);
        ByteBuffer.wrap(image).order(ByteOrder.BIG_ENDIAN).putInt(at + field, (int) VhdFooterCodec.checksum(s, field));
    }

    // --- VHDX: a compact but well-formed file of 448 KiB -------------------------------------------------------
    static final int METADATA_AT = 320 << 10;
    static final int VHDX_SIZE = 448 << 10;

    /** A VHDX with both headers, both region tables and a metadata region at 320 KiB (items at +64 KiB). */
    static byte[] vhdx(long virtualSize, boolean fixed, boolean hasParent, int logicalSector) {
        byte[] image = new byte[VHDX_SIZE];
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, VhdxReader.SIGNATURE_VHDXFILE);
        b.put(VhdxReader.CREATOR, "polyboot test".getBytes(StandardCharsets.UTF_16LE));
        for (long at : new long[] {VhdxHeader.FIRST_OFFSET, VhdxHeader.SECOND_OFFSET}) {
            b.putInt((int) at, (int) VhdxHeader.SIGNATURE_HEAD);
            b.putLong((int) at + VhdxHeader.SEQUENCE_NUMBER, at == VhdxHeader.FIRST_OFFSET ? 7 : 6);
            Guids.write(b, (int) at + VhdxHeader.FILE_WRITE_GUID, new UUID(1, at));
            b.putShort((int) at + VhdxHeader.VERSION, (short) 1);
            b.putInt((int) at + VhdxHeader.LOG_LENGTH, 1 << 20);
        }
        for (long at : new long[] {VhdxRegionTable.FIRST_OFFSET, VhdxRegionTable.SECOND_OFFSET}) {
            int t = (int) at;
            b.putInt(t, (int) VhdxRegionTable.SIGNATURE_REGI);
            b.putInt(t + VhdxRegionTable.ENTRY_COUNT, 1);
            Guids.write(b, t + 16, VhdxRegion.METADATA);
            b.putLong(t + 32, METADATA_AT);
            b.putInt(t + 40, 128 << 10);
            b.putInt(t + 44, 1);
        }
        int m = METADATA_AT;
        b.putLong(m, VhdxMetadataTable.SIGNATURE_METADATA);
        b.putShort(m + VhdxMetadataTable.ENTRY_COUNT, (short) 5);
        UUID[] ids = {VhdxMetadataItem.FILE_PARAMETERS, VhdxMetadataItem.VIRTUAL_DISK_SIZE, VhdxMetadataItem.VIRTUAL_DISK_ID,
                VhdxMetadataItem.LOGICAL_SECTOR_SIZE, VhdxMetadataItem.PHYSICAL_SECTOR_SIZE};
        int[] lengths = {8, 8, 16, 4, 4};
        int data = 64 << 10;
        for (int i = 0; i < ids.length; i++) {
            int e = m + VhdxMetadataTable.ENTRIES + i * VhdxMetadataItem.SIZE;
            Guids.write(b, e, ids[i]);
            b.putInt(e + 16, data + 16 * i);
            b.putInt(e + 20, lengths[i]);
            b.putInt(e + 24, i == 2 ? 6 : 4);
        }
        b.putInt(m + data, 1 << 20);
        b.putInt(m + data + 4, (fixed ? 1 : 0) | (hasParent ? 2 : 0));
        b.putLong(m + data + 16, virtualSize);
        Guids.write(b, m + data + 32, new UUID(0x1111, 0x2222));
        b.putInt(m + data + 48, logicalSector);
        b.putInt(m + data + 64, 4096);
        return repairVhdx(image);
    }

    /** Where the slices of a packed VHDX go in the 448 KiB file: {file offset, packed offset, length}. */
    private static final int[][] SLOTS = {
            {0, 0, 1024}, {64 << 10, 1024, 128}, {128 << 10, 1152, 128}, {192 << 10, 1280, 256}, {256 << 10, 1536, 256},
            {METADATA_AT, 1792, 256}, {METADATA_AT + (64 << 10), 2048, 256}};
    static final int PACKED_SIZE = 2304;

    /**
     * The bytes of a VHDX that carry structure, 2304 of them: fuzzing a 448 KiB mostly-zero file ran at 16 inputs/s,
     * fuzzing this and expanding it runs far faster and mutates only bytes that matter.
     */
    static byte[] pack(byte[] vhdx) {
        byte[] packed = new byte[PACKED_SIZE];
        for (int[] s : SLOTS) System.arraycopy(vhdx, s[0], packed, s[1], s[2]);
        return packed;
    }

    /** The inverse of {@link #pack}: a 448 KiB file; a short input leaves the rest zero. */
    static byte[] expand(byte[] packed) {
        byte[] image = new byte[VHDX_SIZE];
        for (int[] s : SLOTS) {
            if (packed.length > s[1]) System.arraycopy(packed, s[1], image, s[0], Math.min(s[2], packed.length - s[1]));
        }
        return image;
    }

    /** Recomputes the CRC-32C of both headers and both region tables. */
    static byte[] repairVhdx(byte[] image) {
        for (long at : new long[] {VhdxHeader.FIRST_OFFSET, VhdxHeader.SECOND_OFFSET}) crc(image, (int) at, VhdxHeader.SIZE);
        for (long at : new long[] {VhdxRegionTable.FIRST_OFFSET, VhdxRegionTable.SECOND_OFFSET}) crc(image, (int) at, VhdxRegionTable.SIZE);
        return image;
    }

    private static void crc(byte[] image, int at, int len) {
        if (image.length < at + len) return;
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(at + 4, 0);
        CRC32C c = new CRC32C();
        c.update(image, at, len);
        b.putInt(at + 4, (int) c.getValue());
    }
}
