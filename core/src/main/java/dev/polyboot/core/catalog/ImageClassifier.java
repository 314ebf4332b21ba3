package dev.polyboot.core.catalog;

import dev.polyboot.formats.iso.IsoImage;
import dev.polyboot.core.boot.BootMenu;
import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionTables;
import dev.polyboot.formats.pe.PeReader;
import dev.polyboot.formats.vhd.VhdReader;
import dev.polyboot.formats.vhd.VhdxReader;
import dev.polyboot.formats.wim.WimReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an image file is and how the menu boots it: the type from its bytes (ISO 9660 descriptor, MBR/GPT,
 * PE, WIM, VHD/VHDX signatures), then for CD/DVD images the family table ({@link Families}) and for the others
 * their header through the {@code formats} readers ({@link PeImages}, {@link WimImages}, {@link VirtualDiskImages}).
 * Reads only headers and a few small files, never the whole image.
 */
public final class ImageClassifier {
    static final String NOT_YET = ".wim/.vhd/.vhdx images cannot be booted yet";

    private ImageClassifier() {}

    /** Opens an ISO's file tree; the ISO 9660 reader of {@code formats.iso} in production. */
    @FunctionalInterface
    public interface IsoOpener {
        Optional<ImageContent> open(BlockDevice dev) throws IOException;
    }

    /** A file on the host (no stick needed). */
    public static ImageReport classify(java.nio.file.Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a regular file");
        }
        try (BlockDevice image = FileBlockDevice.open(file, true)) {
            return classify(file.getFileName().toString(), image);
        }
    }

    public static ImageReport classify(String name, BlockDevice dev) throws IOException {
        return classify(name, dev, IsoContents::open);
    }

    public static ImageReport classify(String name, BlockDevice dev, IsoOpener isos) throws IOException {
        long size = dev.size();
        if (IsoImage.looksLikeIso(dev)) {
            Optional<ImageContent> iso = isos.open(dev);
            if (iso.isPresent()) return iso(name, size, dev, iso.get());
        }
        if (VhdxReader.looksLikeVhdx(dev)) return VirtualDiskImages.report(name, size, dev, ImageType.VHDX);
        if (WimReader.looksLikeWim(dev)) return WimImages.report(name, size, dev);
        if (VhdReader.looksLikeVhd(dev)) return VirtualDiskImages.report(name, size, dev, ImageType.VHD);
        if (PeReader.looksLikePe(dev)) return PeImages.report(name, size, dev);
        DiskPartitions table = partitions(dev);
        if (table != null && table.style() != DiskPartitions.Style.NONE) return DiskImages.report(name, size, dev, table);
        return new ImageReport(name, size, ImageType.UNKNOWN, null, null, List.of(), List.of(), null, null, null, null,
                stem(name), new BootRecipe.Message("not a recognised image (no ISO 9660, partition table, PE, WIM or VHD signature)"),
                "no known signature", List.of());
    }

    private static ImageReport iso(String name, long size, BlockDevice dev, ImageContent iso) throws IOException {
        DiskPartitions table = partitions(dev);
        boolean hybrid = table != null && table.style() != DiskPartitions.Style.NONE;
        boolean bootCode = hybrid && DiskImages.hasBootCode(dev);
        IsoClassifier.Result r = IsoClassifier.classify(name, size, iso, bootCode);
        List<String> notes = new ArrayList<>(r.notes());
        if (r.recipe() instanceof BootRecipe.Program p && !p.modes().contains(BootMode.BIOS) && r.firmware().contains(BootMode.BIOS)
                && size > BootMenu.BIOS_MEMDISK_LIMIT_BYTES) {
            notes.add("over " + (BootMenu.BIOS_MEMDISK_LIMIT_BYTES >> 20) + " MiB: too big for memdisk in BIOS mode");
        }
        return new ImageReport(name, size, hybrid ? ImageType.HYBRID_ISO : ImageType.ISO, iso.volumeId().orElse(null),
                hybrid ? table.style().name() : null, r.architectures(), r.firmware(),
                r.family() == null ? null : r.family().id(), r.family() == null ? null : r.family().name(),
                r.distro(), r.version(), r.title(), r.recipe(), r.reason(), notes);
    }

    /**
     * The signature said what the file is but its header is damaged (or hostile): still a report, so that
     * {@code inspect}, {@code add} and {@code refresh} go on, naming the structure and offset that failed.
     */
    static ImageReport damaged(String name, long size, ImageType type, FormatException e) {
        String where = e.structure() + " at offset " + e.offset();
        return new ImageReport(name, size, type, null, null, List.of(), List.of(), null, null, null, null, stem(name),
                new BootRecipe.Message("damaged header (" + where + ")"),
                type.description() + " with a damaged header (" + where + "); not offered in the menu",
                List.of("damaged: " + e.getMessage()));
    }

    /** The partition table, or null when the bytes contradict one (then it is simply not a disk image). */
    private static DiskPartitions partitions(BlockDevice dev) throws IOException {
        if (dev.size() < 1024) return null;
        try {
            return PartitionTables.read(dev);
        } catch (FormatException e) {
            return null;
        }
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String ascii(BlockDevice dev, long offset, int length) throws IOException {
        ByteBuffer b = dev.read(offset, length);
        return new String(b.array(), 0, length, StandardCharsets.ISO_8859_1);
    }

    static ByteBuffer le(BlockDevice dev, long offset, int length) throws IOException {
        return dev.read(offset, length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
