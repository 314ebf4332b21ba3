package dev.polyboot.core.catalog;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.cpio.CpioInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one initrd part (the file itself, or what a decompressor makes of a compressed part) as the cpio
 * reader consumes them. Every byte is charged to a {@link Budget} shared by all parts of all initrds of an image,
 * so a hostile initrd (a small xz stream that unpacks to terabytes, endless padding) costs bounded time.
 */
final class InitrdInput implements CpioInput {
    /** What one check may unpack, over all parts, and how long it may take. */
    static final class Budget {
        private final long maxBytes;
        private final long deadlineNanos;
        private final long seconds;
        private long used;

        Budget(long maxBytes, long seconds) {
            this.maxBytes = maxBytes;
            this.seconds = seconds;
            this.deadlineNanos = System.nanoTime() + seconds * 1_000_000_000L;
        }

        long used() {
            return used;
        }

        void charge(String what, long offset, long n) throws IOException {
            used = Math.addExact(used, n);
            if (used > maxBytes) {
                throw new UnsupportedLayoutException(what, offset, "more than " + (maxBytes >> 20) + " MiB unpacked; polyboot stops there");
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new UnsupportedLayoutException(what, offset, "still unpacking after " + seconds + " s; polyboot stops there");
            }
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final String what;
    private final BufferedInputStream in;
    private final Budget budget;
    private long offset;

    /** @param what names the stream in messages ("/live/initrd.img", "/live/initrd.img, xz data at 28672") */
    InitrdInput(String what, InputStream in, Budget budget) {
        this.what = what;
        this.in = new BufferedInputStream(in, CHUNK);
        this.budget = budget;
    }

    String what() {
        return what;
    }

    @Override
    public long offset() {
        return offset;
    }

    /** The unread rest, for a decompressor to take over (this input is not used afterwards). */
    InputStream rest() {
        return in;
    }

    @Override
    public byte[] readFully(int n, String structure) throws IOException {
        byte[] b = in.readNBytes(n);
        charge(b.length);
        if (b.length < n) {
            throw new CorruptStructureException(structure, offset - b.length, "ends after " + b.length + " of " + n + " bytes (" + what + ")");
        }
        return b;
    }

    @Override
    public void skip(long n, String structure) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(Math.min(left, CHUNK));
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new CorruptStructureException(structure, offset, "ends " + left + " bytes early (" + what + ")");
                }
                s = 1;
            }
            charge(s);
            left -= s;
        }
    }

    /** Up to {@code n} next bytes, not consumed (fewer at the end). */
    byte[] peek(int n) throws IOException {
        in.mark(n);
        byte[] b = in.readNBytes(n);
        in.reset();
        return b;
    }

    /**
     * Skips zero bytes: the padding between concatenated parts (early microcode archives are padded to 512 bytes
     * or more, as the kernel's initramfs unpacker allows). False at the end of the stream.
     */
    boolean skipZeros() throws IOException {
        while (true) {
            in.mark(1);
            int c = in.read();
            if (c < 0) return false;
            if (c != 0) {
                in.reset();
                return true;
            }
            charge(1);
        }
    }

    private void charge(long n) throws IOException {
        offset += n;
        budget.charge(what, offset, n);
    }
}
