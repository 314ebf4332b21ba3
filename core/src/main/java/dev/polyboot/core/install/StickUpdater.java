package dev.polyboot.core.install;

import dev.polyboot.core.boot.BiosBootCode;
import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.layout.FileSystemKind;
import dev.polyboot.core.layout.PartitionRole;
import dev.polyboot.core.layout.PlannedPartition;
import dev.polyboot.core.layout.StickLayoutPlanner;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.part.PartitionInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;

/**
 * Puts this build's boot environment onto an existing stick: boot code in LBA 0 (first 440 bytes only, the
 * partition table stays), core.img in the gap, and a freshly formatted boot partition with the same serial.
 * Disk signature, GUIDs and partition table are kept; the data partition is behind a write fence.
 */
public final class StickUpdater {
    /** The label of Ventoy's 32 MiB EFI partition, which has the same type as polyboot's boot partition. */
    static final String VENTOY_EFI_LABEL = "VTOYEFI";
    /** BPB offset of the FAT12/16 volume serial number (Microsoft FAT spec, "BS_VolID"). */
    static final int FAT16_VOLUME_ID = 0x27;
    private final Clock clock;

    public StickUpdater(Clock clock) {
        this.clock = clock;
    }

    /** @param console where the menu shows; null keeps what the stick had */
    public UpdateResult update(BlockDevice rawDev, Payload payload, Console console, String polybootVersion,
                               ProgressListener progress) throws IOException, RefusedException {
        StickInfo before = new StickInspector(clock).inspect(rawDev);
        StickDisk disk = StickDisk.read(rawDev);
        // A damaged boot partition is what update repairs; the partitions and the data file system must be ours.
        if (!disk.hasPolybootPartitions() || before.data() == null) {
            throw new RefusedException("not a polyboot stick" + (before.problems().isEmpty() ? "" : ": " + before.problems().get(0)),
                    "use 'polyboot install' to make it one (erases it)");
        }
        // A readable boot partition that polyboot did not write is someone else's boot loader (Ventoy's VTOYEFI has the
        // same partition types): overwriting it is not an update. A damaged one of ours is repaired.
        if (before.polybootVersion() == null && before.boot() != null
                && !StickLayoutPlanner.BOOT_LABEL.equals(before.boot().label())) {
            String label = before.boot().label();
            String what = VENTOY_EFI_LABEL.equals(label) ? "Ventoy" : "a boot partition polyboot did not write (label \"" + label + "\")";
            throw new RefusedException("not a polyboot stick: it holds " + what + "; update would overwrite its boot loader",
                    "'polyboot install --force' makes it a polyboot stick but erases it, images included: copy them off first");
        }
        PartitionInfo data = disk.data().orElseThrow();
        PartitionInfo boot = disk.boot().orElseThrow();
        BlockDevice dev = new FencedBlockDevice(rawDev, data.startByte(), data.sizeBytes());
        int ss = dev.sectorSize();
        long coreLba = disk.coreImageLba();
        long coreSectors = BiosBootCode.sectors(payload.coreImg());
        if ((coreLba + coreSectors) * ss > data.startByte()) {
            throw new RefusedException("the new core.img (" + coreSectors + " sectors) does not fit before the data partition",
                    "reinstall with 'polyboot install --force' after saving your files");
        }
        Console keep = console != null ? console : before.console() == null ? Console.SCREEN : Console.parse(before.console());
        long serial = bootSerial(disk);

        progress.phase("writing boot code", 0);
        ByteBuffer lba0 = dev.read(0, ss);
        lba0.put(0, BiosBootCode.bootCode(payload.bootImg(), coreLba));
        dev.write(0, lba0.rewind());
        StickInstaller.writeCoreImage(dev, coreLba, BiosBootCode.coreImage(payload.coreImg(), coreLba));

        PlannedPartition bootPlan = new PlannedPartition(2, PartitionRole.BOOT, boot.startByte() / ss, boot.sizeBytes() / ss,
                ss, 0, false, null, null, null, FileSystemKind.FAT16, StickLayoutPlanner.BOOT_LABEL, serial);
        MenuOptions menu = MenuOptions.defaults(polybootVersion).withConsole(keep);
        StickInstaller.writeBootPartition(dev, bootPlan, EspContents.files(payload, menu), clock, progress);
        dev.flush();
        return new UpdateResult(before.polybootVersion(), before.payloadVersion(), polybootVersion, payload.version(),
                keep.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The boot partition's serial, from the volume or (if its FAT is damaged) straight from the boot sector. */
    private long bootSerial(StickDisk disk) throws IOException {
        try (FatVolume v = FatVolume.open(disk.bootSlice(), clock)) {
            return v.volumeSerial();
        } catch (FormatException e) {
            ByteBuffer bs = disk.bootSlice().read(0, 512).order(ByteOrder.LITTLE_ENDIAN);
            return Integer.toUnsignedLong(bs.getInt(FAT16_VOLUME_ID));
        }
    }
}
