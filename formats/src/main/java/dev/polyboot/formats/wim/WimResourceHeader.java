package dev.polyboot.formats.wim;

import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;

/**
 * A 24-byte resource header ("reshdr", [MS-WIM]/wimlib {@code wim_reshdr_disk}): 56-bit stored size, 8 flag bits,
 * 64-bit offset, 64-bit original (uncompressed) size; little-endian.
 */
public record WimResourceHeader(long size, int flags, long offset, long originalSize) {
    public static final int SIZE = 24;
    public static final int FLAG_FREE = 0x01;
    public static final int FLAG_METADATA = 0x02;
    public static final int FLAG_COMPRESSED = 0x04;
    public static final int FLAG_SPANNED = 0x08;
    public static final int FLAG_SOLID = 0x10;

    public boolean isCompressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }

    /** Decodes the header at {@code at} of a little-endian buffer; offset and original size may be negative (caller checks). */
    static WimResourceHeader decode(ByteBuffer b, int at) {
        long sizeAndFlags = b.getLong(at);
        return new WimResourceHeader(sizeAndFlags & 0x00FF_FFFF_FFFF_FFFFL, Unsigned.u8(b, at + 7), b.getLong(at + 8),
                b.getLong(at + 16));
    }
}
