package dev.polyboot.formats.wim;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Decodes and checks {@link WimHeader}. */
public final class WimHeaderCodec {
    static final byte[] MAGIC = "MSWIM\0\0\0".getBytes(StandardCharsets.US_ASCII);
    /** wimlib's pipable WIMs: same header, different magic, resources interleaved with stream headers. */
    static final byte[] PIPABLE_MAGIC = "WLPWM\0\0\0".getBytes(StandardCharsets.US_ASCII);
    static final String STRUCTURE = "WIM header";

    private WimHeaderCodec() {}

    public static WimHeader decode(byte[] header, long fileSize) throws CorruptStructureException, UnsupportedLayoutException {
        if (header.length != WimHeader.SIZE) throw new CorruptStructureException(STRUCTURE, 0, "length", WimHeader.SIZE, header.length);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(WimHeader.MAGIC, magic);
        if (java.util.Arrays.equals(magic, PIPABLE_MAGIC)) {
            throw new UnsupportedLayoutException(STRUCTURE, 0, "magic", "MSWIM (pipable WIMs are not read)", "WLPWM");
        }
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new CorruptStructureException(STRUCTURE, 0, "magic", "\"MSWIM\\0\\0\\0\"",
                    new String(magic, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?"));
        }
        long headerSize = Unsigned.u32(b, WimHeader.HEADER_SIZE);
        if (headerSize != WimHeader.SIZE) {
            throw new CorruptStructureException(STRUCTURE, WimHeader.HEADER_SIZE, "header size", WimHeader.SIZE, headerSize);
        }
        int part = Unsigned.u16(b, WimHeader.PART_NUMBER);
        int total = Unsigned.u16(b, WimHeader.TOTAL_PARTS);
        if (part < 1 || part > total) {
            throw new CorruptStructureException(STRUCTURE, WimHeader.PART_NUMBER, "part number", "1.." + total, part);
        }
        long images = Unsigned.u32(b, WimHeader.IMAGE_COUNT);
        long bootIndex = Unsigned.u32(b, WimHeader.BOOT_INDEX);
        if (bootIndex > images) {
            throw new CorruptStructureException(STRUCTURE, WimHeader.BOOT_INDEX, "boot index", "0.." + images, bootIndex);
        }
        StringBuilder guid = new StringBuilder();
        for (int i = 0; i < 16; i++) guid.append(String.format("%02x", b.get(WimHeader.GUID + i)));
        return new WimHeader(headerSize, Unsigned.u32(b, WimHeader.VERSION), Unsigned.u32(b, WimHeader.FLAGS),
                Unsigned.u32(b, WimHeader.CHUNK_SIZE), guid.toString(), part, total, images,
                resource(b, WimHeader.OFFSET_TABLE, "offset table", fileSize),
                resource(b, WimHeader.XML_DATA, "XML data", fileSize),
                resource(b, WimHeader.BOOT_METADATA, "boot metadata", fileSize), bootIndex,
                resource(b, WimHeader.INTEGRITY, "integrity table", fileSize));
    }

    /** A resource must lie inside the file; an empty one (size 0) may have any offset. */
    private static WimResourceHeader resource(ByteBuffer b, int at, String name, long fileSize) throws CorruptStructureException {
        WimResourceHeader r = WimResourceHeader.decode(b, at);
        if (r.size() > 0 && (r.offset() < WimHeader.SIZE || r.offset() > fileSize || r.size() > fileSize - r.offset())) {
            throw new CorruptStructureException(STRUCTURE, at, name + " resource", "inside the file of " + fileSize + " bytes",
                    Long.toUnsignedString(r.offset()) + "+" + r.size());
        }
        if (r.originalSize() < 0) {
            throw new CorruptStructureException(STRUCTURE, at + 16, name + " original size", "below 2^63",
                    Long.toUnsignedString(r.originalSize()));
        }
        return r;
    }
}
