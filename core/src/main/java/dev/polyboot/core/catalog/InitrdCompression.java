package dev.polyboot.core.catalog;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions the kernel's initramfs unpacker recognises by their first bytes (lib/decompress.c), and the
 * ones polyboot can undo. bzip2, LZO and LZ4 are named but not read: no distribution we know ships them, and
 * guessing would give a wrong answer.
 */
enum InitrdCompression {
    GZIP("gzip", true, 0x1f, 0x8b),
    XZ("xz", true, 0xfd, '7', 'z', 'X', 'Z', 0x00),
    LZMA("lzma", true, 0x5d, 0x00, 0x00),
    ZSTD("zstd", true, 0x28, 0xb5, 0x2f, 0xfd),
    BZIP2("bzip2", false, 'B', 'Z', 'h'),
    LZO("lzo", false, 0x89, 'L', 'Z', 'O'),
    LZ4("lz4", false, 0x02, 0x21, 0x4c, 0x18);

    /** Decoder memory an xz/lzma header may ask for (xz -9 needs 65 MiB); more is refused, not allocated. */
    static final int MAX_DICTIONARY_KIB = 128 * 1024;

    private final String label;
    private final boolean readable;
    private final byte[] magic;

    InitrdCompression(String label, boolean readable, int... magic) {
        this.label = label;
        this.readable = readable;
        this.magic = new byte[magic.length];
        for (int i = 0; i < magic.length; i++) this.magic[i] = (byte) magic[i];
    }

    String label() {
        return label;
    }

    boolean readable() {
        return readable;
    }

    static Optional<InitrdCompression> of(byte[] head) {
        for (InitrdCompression c : values()) {
            if (head.length >= c.magic.length && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** The decompressed bytes of {@code in}; concatenated gzip members, xz streams and zstd frames are read on. */
    InputStream open(InputStream in) throws IOException {
        switch (this) {
            case GZIP:
                return new GZIPInputStream(in, 64 * 1024);
            case XZ:
                return new XZInputStream(in, MAX_DICTIONARY_KIB);
            case LZMA:
                return new LZMAInputStream(in, MAX_DICTIONARY_KIB);
            case ZSTD:
                return new ZstdInputStream(in);
            default:
                throw new IllegalStateException(label + " is not readable");
        }
    }
}
