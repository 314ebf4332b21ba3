package dev.polyboot.core.images;

import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.BootRecipes;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.iso.IsoEntry;
import dev.polyboot.formats.iso.IsoImage;
import dev.polyboot.formats.pe.PeReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The EFI program an image boots by (the menu's chainloader route, {@link BootRecipes}): what {@code add} copies out
 * and signs with the user's key on a Secure Boot stick. The same places, in the same order, as the menu's script looks:
 * a {@code .efi} file is itself; an ISO's {@code /EFI/BOOT/BOOTX64.EFI}, else {@code /EFI/BOOT/BOOTX64.EFI} inside the
 * ISO's El Torito FAT image file. The result must read as a PE image.
 */
final class EfiPrograms {
    /** EFI programs (iPXE ~1 MiB, memtest86+ ~0.5 MiB, shells, UEFI tools) are small; more is not one. */
    static final int MAX_PROGRAM_BYTES = 64 << 20;
    /** El Torito FAT images are a few MiB. */
    static final int MAX_FAT_IMAGE_BYTES = 64 << 20;

    private EfiPrograms() {}

    /** Whether the entry boots by its own EFI program in UEFI mode (the only route a signed copy serves). */
    static boolean approvable(CatalogEntry e) {
        return e.recipe() instanceof BootRecipe.Program p && p.modes().contains(BootMode.UEFI);
    }

    /** The program's bytes, or empty when the image holds none where the menu looks. */
    static Optional<byte[]> extract(BlockDevice image, String name) throws IOException {
        if (name.toLowerCase(Locale.ROOT).endsWith(".efi")) {
            if (image.size() > MAX_PROGRAM_BYTES) return Optional.empty();
            byte[] b = new byte[(int) image.size()];
            image.read(0, ByteBuffer.wrap(b));
            return checked(b);
        }
        if (!IsoImage.looksLikeIso(image)) return Optional.empty();
        IsoImage iso = IsoImage.read(image);
        for (String loader : BootRecipes.EFI_LOADERS) {
            Optional<IsoEntry> e = iso.lookup(loader);
            if (e.isPresent() && !e.get().directory()) return checked(iso.readAll(e.get(), MAX_PROGRAM_BYTES));
        }
        for (String fatImage : BootRecipes.EFI_IMAGES) {
            Optional<IsoEntry> e = iso.lookup(fatImage);
            if (e.isEmpty() || e.get().directory()) continue;
            MemoryBlockDevice fat = new MemoryBlockDevice(iso.readAll(e.get(), MAX_FAT_IMAGE_BYTES), 512, true);
            try (FatVolume v = FatVolume.open(fat, Clock.systemUTC())) {
                if (v.stat("/EFI/BOOT/BOOTX64.EFI").isEmpty()) return Optional.empty();
                try (SeekableByteChannel ch = v.open("/EFI/BOOT/BOOTX64.EFI")) {
                    if (ch.size() > MAX_PROGRAM_BYTES) return Optional.empty();
                    ByteBuffer b = ByteBuffer.allocate((int) ch.size());
                    while (b.hasRemaining() && ch.read(b) >= 0) {
                        // reads until full
                    }
                    return checked(b.array());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code bytes} read as a PE image (an EFI program, a kernel with an EFI stub). */
    static boolean isPe(byte[] bytes) {
        try {
            PeReader.read(MemoryBlockDevice.of(bytes));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Only a PE image is handed to sbsign. */
    private static Optional<byte[]> checked(byte[] program) throws IOException {
        PeReader.read(MemoryBlockDevice.of(program));
        return Optional.of(program);
    }
}
