package dev.polyboot.formats.io;

import java.io.EOFException;

/** Bounds checks shared by all block devices. */
final class BlockRanges {
    private BlockRanges() {}

    static void check(BlockDevice dev, long offset, long length) throws EOFException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        long end;
        try {
            end = Math.addExact(offset, length);
        } catch (ArithmeticException e) {
            throw new EOFException("range overflows: offset " + offset + " length " + length);
        }
        if (end > dev.size()) {
            throw new EOFException("range " + offset + "+" + length + " beyond device end " + dev.size());
        }
    }
}
