package dev.polyboot.core.install;

import dev.polyboot.formats.grub.BiosBootCode;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.layout.PartitionRole;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.PlannedPartition;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatFormatOptions;
import dev.polyboot.formats.exfat.ExfatFormatter;
import dev.polyboot.formats.fat.FatFormatOptions;
import dev.polyboot.formats.fat.FatFormatter;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.gpt.GptPartition;
import dev.polyboot.formats.gpt.GptTable;
import dev.polyboot.formats.gpt.GptWriter;
import dev.polyboot.formats.gpt.ProtectiveMbr;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.mbr.MbrBuilder;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartitionSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a planned {@link StickLayout} onto a device. The partition table goes on last, so a stick whose
 * install was interrupted does not look like a finished one. Deterministic: the layout carries every
 * identifier and the clock is injected, so the same inputs give the same bytes.
 */
public final class StickInstaller {
    /** Old partition tables and file-system signatures live in the first and last MiB; both are wiped. */
    static final long WIPE_BYTES = 1L << 20;
    private final Clock clock;

    public StickInstaller(Clock clock) {
        this.clock = clock;
    }

    public void apply(StickLayout layout, BlockDevice dev, Payload payload, MenuOptions menu, ProgressListener progress)
            throws IOException {
        apply(layout, dev, payload, EspContents.files(payload, menu), progress);
    }

    /** Secure Boot wiring (issue 12): the same, with the boot partition's files given ({@link EspContents}' two layouts). */
    public void apply(StickLayout layout, BlockDevice dev, Payload payload, Map<String, byte[]> bootFiles, ProgressListener progress)
            throws IOException {
        if (dev.size() != layout.diskBytes() || dev.sectorSize() != layout.sectorSize()) {
            throw new IllegalArgumentException("layout is for " + layout.diskBytes() + " bytes / " + layout.sectorSize()
                    + "-byte sectors, device has " + dev.size() + " / " + dev.sectorSize());
        }
        byte[] core = BiosBootCode.coreImage(payload.coreImg(), layout.coreImageLba());
        long coreSectors = BiosBootCode.sectors(payload.coreImg());
        if (coreSectors > layout.coreImageMaxSectors()) {
            throw new IllegalStateException("core.img needs " + coreSectors + " sectors, the gap has "
                    + layout.coreImageMaxSectors());
        }
        progress.phase("clearing old partition tables", 2 * WIPE_BYTES);
        dev.zero(0, WIPE_BYTES);
        dev.zero(dev.size() - WIPE_BYTES, WIPE_BYTES);
        progress.progress("clearing old partition tables", 2 * WIPE_BYTES, 2 * WIPE_BYTES);

        PlannedPartition data = layout.data();
        progress.phase("formatting data partition (exFAT)", data.sizeBytes());
        ExfatFormatter.format(slice(dev, data), ExfatFormatOptions.defaults(data.fsLabel(), data.volumeSerial())
                .withPartitionOffset(data.startBytes()));
        progress.progress("formatting data partition (exFAT)", data.sizeBytes(), data.sizeBytes());

        writeBootPartition(dev, layout.boot(), bootFiles, clock, progress);

        progress.phase("writing boot code", core.length);
        writeCoreImage(dev, layout.coreImageLba(), core);
        progress.progress("writing boot code", core.length, core.length);
        byte[] bootCode = BiosBootCode.bootCode(payload.bootImg(), layout.coreImageLba());
        progress.phase("writing partition table", 0);
        if (layout.style() == PartitionStyle.MBR) {
            List<MbrPartitionSpec> specs = new ArrayList<>();
            for (PlannedPartition p : layout.partitions()) {
                specs.add(new MbrPartitionSpec(p.firstLba(), p.sectorCount(), p.mbrType(), p.active()));
            }
            MbrCodec.write(dev, MbrBuilder.build(bootCode, layout.diskSignature(), specs));
        } else {
            List<GptPartition> entries = new ArrayList<>();
            for (PlannedPartition p : layout.partitions()) {
                entries.add(GptPartition.of(p.typeGuid(), p.uniqueGuid(), p.firstLba(), p.lastLba(), 0, p.name()));
            }
            GptTable table = GptTable.create(layout.totalSectors(), layout.sectorSize(), layout.diskGuid(), entries);
            GptWriter.write(dev, table, ProtectiveMbr.create(bootCode, layout.diskSignature(), layout.totalSectors()));
        }
        progress.phase("flushing", 0);
        dev.flush();
    }

    /** Formats the boot partition FAT16 with the given serial and writes the ESP files (install and update). */
    static void writeBootPartition(BlockDevice dev, PlannedPartition boot, Map<String, byte[]> files, Clock clock,
                                   ProgressListener progress) throws IOException {
        if (boot.role() != PartitionRole.BOOT) throw new IllegalArgumentException("not the boot partition: " + boot);
        BlockDevice slice = slice(dev, boot);
        progress.phase("formatting boot partition (FAT16)", 0);
        FatFormatter.format(slice, FatFormatOptions.defaults(boot.fsLabel(), boot.volumeSerial(), clock)
                .withType(FatFormatOptions.Type.FAT16).withHiddenSectors(boot.firstLba()));
        long total = files.values().stream().mapToLong(b -> b.length).sum();
        long done = 0;
        try (FatVolume esp = FatVolume.open(slice, clock)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                progress.progress("writing boot files", done, total);
                String path = f.getKey();
                esp.mkdirs(FsPaths.parent(path));
                esp.writeFile(path, new ByteArrayInputStream(f.getValue()), f.getValue().length);
                done += f.getValue().length;
            }
            esp.flush();
        }
        progress.progress("writing boot files", total, total);
    }

    /** core.img padded with zeros to whole sectors, at its LBA in the gap before partition 1. */
    static void writeCoreImage(BlockDevice dev, long lba, byte[] core) throws IOException {
        int ss = dev.sectorSize();
        byte[] padded = new byte[Math.toIntExact((core.length + ss - 1L) / ss * ss)];
        System.arraycopy(core, 0, padded, 0, core.length);
        dev.write(lba * ss, ByteBuffer.wrap(padded));
    }

    static BlockDevice slice(BlockDevice dev, PlannedPartition p) {
        return new SliceBlockDevice(dev, p.startBytes(), p.sizeBytes());
    }
}
