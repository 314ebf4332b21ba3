package dev.polyboot.core.boot;

import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.cpio.CpioEntry;
import dev.polyboot.formats.cpio.CpioNewcWriter;
import java.util.List;

/**
 * The archive GRUB loads as the first initrd of every Linux entry that boots an ISO as a block device: the
 * directory {@code polyboot} and the helper as {@code polyboot/init} (started by {@link PbinitArgs#RDINIT}).
 * Written by our own newc writer: GRUB 2.06's {@code newc:} initrd syntax leaves the NUL out of names and current
 * kernels reject such archives (DESIGN section 3). Uncompressed, so that the kernel and early-microcode loaders,
 * which walk leading uncompressed archives, see it as one more. Same payload, same bytes.
 */
public final class PbinitArchive {
    private PbinitArchive() {}

    public static byte[] of(Payload payload) {
        return CpioNewcWriter.write(List.of(
                CpioEntry.directory("polyboot", 0755),
                CpioEntry.file("polyboot/init", 0755, payload.pbinit())));
    }
}
