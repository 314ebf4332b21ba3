package dev.polyboot.formats.udf;

import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;

/**
 * A short_ad or long_ad (ECMA-167 4/14.14.1–2) normalised to one form. The top two bits of the length field are
 * the extent type: {@link #RECORDED}, {@link #ALLOCATED} (not recorded), {@link #UNALLOCATED}, {@link #NEXT}
 * (the extent holds more allocation descriptors).
 *
 * @param length    bytes, the low 30 bits of the length field
 * @param block     logical block number within {@code partition}
 * @param partition partition reference number (for a short_ad: the ICB's own partition)
 */
record AllocationDescriptor(long length, int type, long block, int partition) {
    static final int SHORT_SIZE = 8;
    static final int LONG_SIZE = 16;
    static final int RECORDED = 0;
    static final int ALLOCATED = 1;
    static final int UNALLOCATED = 2;
    static final int NEXT = 3;

    static AllocationDescriptor shortAd(ByteBuffer b, int at, int partition) {
        long raw = Unsigned.u32(b, at);
        return new AllocationDescriptor(raw & 0x3FFF_FFFFL, (int) (raw >>> 30), Unsigned.u32(b, at + 4), partition);
    }

    static AllocationDescriptor longAd(ByteBuffer b, int at) {
        long raw = Unsigned.u32(b, at);
        return new AllocationDescriptor(raw & 0x3FFF_FFFFL, (int) (raw >>> 30), Unsigned.u32(b, at + 4), Unsigned.u16(b, at + 8));
    }

    /** An extent_ad of the volume space (ECMA-167 3/7.1): length, absolute sector. */
    static AllocationDescriptor extentAd(ByteBuffer b, int at) {
        return new AllocationDescriptor(Unsigned.u32(b, at), RECORDED, Unsigned.u32(b, at + 4), -1);
    }
}
