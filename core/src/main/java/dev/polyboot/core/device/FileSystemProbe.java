package dev.polyboot.core.device;

import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.ext.ExtSuperblock;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.iso.IsoImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Names the file system at the start of a partition or disk and reads its label, through polyboot's own readers
 * (exFAT, FAT, ISO 9660, ext). Signatures only for what polyboot has no reader for (NTFS, swap, LUKS, LVM: type,
 * no label). Read-only; damage is "not recognised" or a type without label, never an exception.
 */
public final class FileSystemProbe {
    /** A recognised volume; {@code label} is null when it has none or it could not be read. */
    public record Found(FileSystemType type, String label) {}

    private static final int HEAD = 4096;
    private final Clock clock;

    public FileSystemProbe(Clock clock) {
        this.clock = clock;
    }

    public Optional<Found> probe(BlockDevice dev) throws IOException {
        if (dev.size() < 512) return Optional.empty();
        byte[] head = new byte[(int) Math.min(HEAD, dev.size())];
        dev.read(0, ByteBuffer.wrap(head));
        Optional<Found> iso = iso(dev);
        if (iso.isPresent()) return iso;
        if (ascii(head, 3, 8).equals("EXFAT   ")) return Optional.of(new Found(FileSystemType.EXFAT, exfatLabel(dev)));
        if (ascii(head, 3, 8).equals("NTFS    ")) return Optional.of(new Found(FileSystemType.NTFS, null));
        if (ascii(head, 0, 6).equals("LUKS\u00ba\u00be")) return Optional.of(new Found(FileSystemType.LUKS, null));
        if (head.length >= 520 && ascii(head, 512, 8).equals("LABELONE")) return Optional.of(new Found(FileSystemType.LVM, null));
        Optional<Found> fat = fat(dev, head);
        if (fat.isPresent()) return fat;
        try {
            Optional<ExtSuperblock> ext = ExtSuperblock.read(dev);
            if (ext.isPresent()) {
                String label = ext.get().label().isEmpty() ? null : ext.get().label();
                return Optional.of(new Found(FileSystemType.valueOf(ext.get().type().toUpperCase(java.util.Locale.ROOT)), label));
            }
        } catch (FormatException e) {
            // too small for a superblock: not ext
        }
        // swap: "SWAPSPACE2" in the last 10 bytes of the first page (4 KiB on x86); label at 1024 + 28 (mkswap -L)
        if (head.length == HEAD && ascii(head, HEAD - 10, 10).equals("SWAPSPACE2")) {
            String label = cString(head, 1024 + 28, 16);
            return Optional.of(new Found(FileSystemType.SWAP, label.isEmpty() ? null : label));
        }
        return Optional.empty();
    }

    private Optional<Found> iso(BlockDevice dev) throws IOException {
        if (!IsoImage.looksLikeIso(dev)) return Optional.empty();
        try {
            String label = IsoImage.read(dev).volumeId().strip();
            return Optional.of(new Found(FileSystemType.ISO9660, label.isEmpty() ? null : label));
        } catch (FormatException e) {
            return Optional.of(new Found(FileSystemType.ISO9660, null));
        }
    }

    private String exfatLabel(BlockDevice dev) throws IOException {
        try (ExfatVolume v = ExfatVolume.open(dev, clock)) {
            return v.label().isEmpty() ? null : v.label();
        } catch (FormatException e) {
            return null;
        }
    }

    /** FAT12/16 name themselves at 54, FAT32 at 82 (fatgen103 §3.2/3.3); the reader decides the real type. */
    private Optional<Found> fat(BlockDevice dev, byte[] head) throws IOException {
        boolean signed = (head[510] & 0xFF) == 0x55 && (head[511] & 0xFF) == 0xAA;
        String at54 = ascii(head, 54, 5);
        String at82 = ascii(head, 82, 5);
        if (!signed || !(at54.startsWith("FAT1") || at82.equals("FAT32"))) return Optional.empty();
        try (FatVolume v = FatVolume.open(dev, clock)) {
            FileSystemType t = v.fatBits() == 32 ? FileSystemType.FAT32 : FileSystemType.FAT16;
            String label = v.label();
            return Optional.of(new Found(t, label == null || label.isEmpty() || label.equals("NO NAME") ? null : label));
        } catch (FormatException e) {
            FileSystemType t = at82.equals("FAT32") ? FileSystemType.FAT32
                    : at54.equals("FAT12") ? FileSystemType.FAT12 : FileSystemType.FAT16;
            return Optional.of(new Found(t, null));
        }
    }

    private static String ascii(byte[] b, int off, int len) {
        if (off + len > b.length) return "";
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static String cString(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && end < b.length && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8).strip();
    }
}
