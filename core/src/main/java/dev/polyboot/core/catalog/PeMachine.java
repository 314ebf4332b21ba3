package dev.polyboot.core.catalog;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Just enough of PE/COFF to tell an EFI program and its machine (PE format: "MZ", e_lfanew at 0x3C,
 * "PE\0\0", machine u16). To be replaced by {@code formats.pe} once it is on main.
 */
final class PeMachine {
    private PeMachine() {}

    /** "PE, machine 0x8664" when the bytes are a PE image, else empty. */
    static Optional<String> of(BlockDevice dev) throws IOException {
        int m = machine(dev);
        return m < 0 ? Optional.empty() : Optional.of(String.format("PE, machine 0x%04x", m));
    }

    /** The COFF machine field, or -1 when not a PE image. */
    static int machine(BlockDevice dev) throws IOException {
        if (dev.size() < 0x40) return -1;
        ByteBuffer dos = ImageClassifier.le(dev, 0, 0x40);
        if (dos.get(0) != 'M' || dos.get(1) != 'Z') return -1;
        long peOffset = Integer.toUnsignedLong(dos.getInt(0x3C));
        if (peOffset > dev.size() - 6 || peOffset > 1 << 20) return -1;
        ByteBuffer pe = ImageClassifier.le(dev, peOffset, 6);
        if (pe.getInt(0) != 0x00004550) return -1;
        return Short.toUnsignedInt(pe.getShort(4));
    }
}
