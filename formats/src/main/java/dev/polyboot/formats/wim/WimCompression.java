package dev.polyboot.formats.wim;

/** The compression a WIM header's flags announce (wimlib {@code WIM_HDR_FLAG_COMPRESS_*}). */
public enum WimCompression {
    NONE, XPRESS, LZX, LZMS, XPRESS_HUFFMAN_4K, UNKNOWN;

    static final long FLAG_COMPRESSION = 0x0000_0002L;
    static final long FLAG_XPRESS = 0x0002_0000L;
    static final long FLAG_LZX = 0x0004_0000L;
    static final long FLAG_LZMS = 0x0008_0000L;
    static final long FLAG_XPRESS_2 = 0x0020_0000L;

    static WimCompression fromFlags(long flags) {
        if ((flags & FLAG_COMPRESSION) == 0) return NONE;
        if ((flags & FLAG_LZX) != 0) return LZX;
        if ((flags & FLAG_XPRESS) != 0) return XPRESS;
        if ((flags & FLAG_LZMS) != 0) return LZMS;
        if ((flags & FLAG_XPRESS_2) != 0) return XPRESS_HUFFMAN_4K;
        return UNKNOWN;
    }
}
