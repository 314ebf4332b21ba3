package dev.polyboot.formats.cpio;

import java.io.IOException;

/**
 * A byte stream that knows its position, as {@link CpioNewcHeader#read} consumes it. {@link CpioNewcReader} has its
 * own over an {@code InputStream}; core's initrd check brings one that charges every byte to its budget.
 */
public interface CpioInput {
    /** Bytes consumed so far: the offset of the next byte in the archive (or in the stream holding it). */
    long offset();

    /**
     * The next {@code n} bytes.
     *
     * @throws dev.polyboot.formats.CorruptStructureException naming {@code structure} and the offset when the input
     *                                                         ends first
     */
    byte[] readFully(int n, String structure) throws IOException;

    /**
     * Skips {@code n} bytes.
     *
     * @throws dev.polyboot.formats.CorruptStructureException naming {@code structure} and the offset when the input
     *                                                         ends first
     */
    void skip(long n, String structure) throws IOException;
}
