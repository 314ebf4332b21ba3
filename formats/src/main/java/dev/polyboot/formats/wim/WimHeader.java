package dev.polyboot.formats.wim;

import java.util.Objects;

/**
 * The 208-byte WIM header at offset 0 (Microsoft "Windows Imaging File Format" WIMGAPI whitepaper, wimlib
 * {@code wim_header_disk}), little-endian. Decoded by {@link WimHeaderCodec}.
 *
 * @param version    0x10D00 for classic WIMs, 0xE00 for solid (ESD-style) WIMs
 * @param flags      {@code WIM_HDR_FLAG_*} bits; compression via {@link #compression()}
 * @param chunkSize  compression chunk size in bytes (0 for uncompressed WIMs)
 * @param guid       the 16 GUID bytes as 32 lower-case hex digits, in file order (as wimlib prints it)
 * @param bootIndex  1-based index of the bootable image, 0 for none
 */
public record WimHeader(long headerSize, long version, long flags, long chunkSize, String guid, int partNumber,
                        int totalParts, long imageCount, WimResourceHeader offsetTable, WimResourceHeader xmlData,
                        WimResourceHeader bootMetadata, long bootIndex, WimResourceHeader integrity) {
    public static final int SIZE = 208;
    static final int MAGIC = 0;
    static final int HEADER_SIZE = 8;
    static final int VERSION = 12;
    static final int FLAGS = 16;
    static final int CHUNK_SIZE = 20;
    static final int GUID = 24;
    static final int PART_NUMBER = 40;
    static final int TOTAL_PARTS = 42;
    static final int IMAGE_COUNT = 44;
    static final int OFFSET_TABLE = 48;
    static final int XML_DATA = 72;
    static final int BOOT_METADATA = 96;
    static final int BOOT_INDEX = 120;
    static final int INTEGRITY = 124;

    public static final long FLAG_READONLY = 0x04;
    public static final long FLAG_SPANNED = 0x08;
    public static final long FLAG_RESOURCE_ONLY = 0x10;
    public static final long FLAG_METADATA_ONLY = 0x20;
    public static final long FLAG_WRITE_IN_PROGRESS = 0x40;
    public static final long FLAG_RP_FIX = 0x80;

    public WimHeader {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(offsetTable, "offsetTable");
        Objects.requireNonNull(xmlData, "xmlData");
        Objects.requireNonNull(bootMetadata, "bootMetadata");
        Objects.requireNonNull(integrity, "integrity");
    }

    public WimCompression compression() {
        return WimCompression.fromFlags(flags);
    }

    public boolean hasIntegrityTable() {
        return integrity.size() > 0;
    }
}
