package dev.polyboot.formats.io;

import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads of on-disk structures whose position came from the disk itself. A range past the device end is the
 * image's fault, so it becomes a {@link CorruptStructureException} naming the structure instead of the device's
 * {@link java.io.EOFException}.
 */
public final class StructureReads {
    private StructureReads() {}

    /** Reads {@code length} bytes at {@code offset} into a new buffer with byte order {@code order}. */
    public static ByteBuffer read(BlockDevice dev, long offset, int length, ByteOrder order, String structure)
            throws IOException {
        check(dev, offset, length, structure);
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        dev.read(offset, b);
        return b.flip();
    }

    /** Fails unless {@code offset..offset+length} lies inside the device. */
    public static void check(BlockDevice dev, long offset, long length, String structure) throws CorruptStructureException {
        if (offset < 0 || length < 0 || offset > dev.size() || length > dev.size() - offset) {
            throw new CorruptStructureException(structure, offset, "extent", "within the device of " + dev.size() + " bytes",
                    offset + "+" + length);
        }
    }
}
