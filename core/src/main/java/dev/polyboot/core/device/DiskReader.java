package dev.polyboot.core.device;

import dev.polyboot.core.install.StickInfo;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionTables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one disk (read-only): its partition table, each partition's file system and label, polyboot or Ventoy. */
final class DiskReader {
    /** A partition as sysfs gives it, before its first sectors are read. */
    record Part(int number, Path path, long startBytes, long sizeBytes, List<String> mountPoints) {}

    record Result(String partitionTable, FileSystemType fileSystem, String label, DiskContent content, String version,
                  List<PartitionSummary> partitions, String note) {}

    static final String VENTOY_LABEL = "Ventoy";
    static final String VENTOY_EFI_LABEL = "VTOYEFI";
    static final long VENTOY_EFI_BYTES = 32L << 20;
    /** Ventoy's grub.cfg on VTOYEFI says {@code set VENTOY_VERSION="1.0.99"}; the file is ~200 KB. */
    private static final String VENTOY_GRUB_CFG = "/grub/grub.cfg";
    private static final int VENTOY_GRUB_CFG_MAX = 1 << 20;
    private static final Pattern VENTOY_VERSION = Pattern.compile("VENTOY_VERSION=\"?([0-9][0-9A-Za-z.\\-]*)");

    private final Clock clock;
    private final FileSystemProbe probe;

    DiskReader(Clock clock) {
        this.clock = clock;
        this.probe = new FileSystemProbe(clock);
    }

    static Result unreadable(List<Part> parts, String note) {
        List<PartitionSummary> out = parts.stream().map(p -> new PartitionSummary(p.number(), p.path(), p.startBytes(),
                p.sizeBytes(), null, null, p.mountPoints())).toList();
        return new Result(null, null, null, DiskContent.UNKNOWN, null, out, note);
    }

    Result read(BlockDevice dev, List<Part> parts) throws IOException {
        String note = null;
        String style = null;
        try {
            style = PartitionTables.read(dev).style().name().toLowerCase(Locale.ROOT);
        } catch (FormatException e) {
            note = "partition table unreadable: " + e.getMessage();
        }
        Optional<FileSystemProbe.Found> whole = probe.probe(dev);
        // with a partition table only an ISO counts for the whole disk (a hybrid ISO written with dd)
        if (whole.isPresent() && !"none".equals(style) && whole.get().type() != FileSystemType.ISO9660) whole = Optional.empty();
        List<PartitionSummary> summaries = new ArrayList<>();
        for (Part p : parts) {
            Optional<FileSystemProbe.Found> f = Optional.empty();
            if (p.startBytes() >= 0 && p.sizeBytes() > 0 && p.startBytes() + p.sizeBytes() <= dev.size()) {
                f = probe.probe(new SliceBlockDevice(dev, p.startBytes(), p.sizeBytes()));
            }
            summaries.add(new PartitionSummary(p.number(), p.path(), p.startBytes(), p.sizeBytes(),
                    f.map(FileSystemProbe.Found::type).orElse(null), f.map(FileSystemProbe.Found::label).orElse(null),
                    p.mountPoints()));
        }
        DiskContent content;
        String version = null;
        StickInfo stick = new StickInspector(clock).inspect(dev);
        if (stick.polyboot()) {
            content = DiskContent.POLYBOOT;
            version = stick.polybootVersion();
        } else if (isVentoy(summaries)) {
            content = DiskContent.VENTOY;
            version = ventoyVersion(dev, summaries.get(1)).orElse(null);
        } else if ("none".equals(style) && whole.isEmpty() && summaries.isEmpty()) {
            content = DiskContent.BLANK;
        } else {
            content = DiskContent.OTHER;
        }
        return new Result(style, whole.map(FileSystemProbe.Found::type).orElse(null),
                whole.map(FileSystemProbe.Found::label).orElse(null), content, version, summaries, note);
    }

    /** Ventoy's layout: partition 1 exFAT or NTFS "Ventoy", partition 2 a 32 MiB FAT "VTOYEFI". */
    static boolean isVentoy(List<PartitionSummary> parts) {
        if (parts.size() < 2 || parts.get(0).number() != 1 || parts.get(1).number() != 2) return false;
        PartitionSummary data = parts.get(0);
        PartitionSummary efi = parts.get(1);
        boolean dataOk = (data.fileSystem() == FileSystemType.EXFAT || data.fileSystem() == FileSystemType.NTFS)
                && VENTOY_LABEL.equals(data.label());
        boolean efiOk = efi.fileSystem() != null && efi.fileSystem().isFat() && VENTOY_EFI_LABEL.equals(efi.label())
                && efi.sizeBytes() == VENTOY_EFI_BYTES;
        return dataOk && efiOk;
    }

    private Optional<String> ventoyVersion(BlockDevice dev, PartitionSummary efi) throws IOException {
        try (FatVolume v = FatVolume.open(new SliceBlockDevice(dev, efi.startBytes(), efi.sizeBytes()), clock)) {
            if (v.stat(VENTOY_GRUB_CFG).isEmpty()) return Optional.empty();
            ByteBuffer b = ByteBuffer.allocate(VENTOY_GRUB_CFG_MAX);
            try (SeekableByteChannel ch = v.open(VENTOY_GRUB_CFG)) {
                while (b.hasRemaining() && ch.read(b) > 0) {
                    // read up to the cap
                }
            }
            Matcher m = VENTOY_VERSION.matcher(new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (FormatException e) {
            return Optional.empty();
        }
    }
}
