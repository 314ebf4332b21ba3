package dev.polyboot.core.install;

import dev.polyboot.formats.grub.BiosBootCode;
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
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.part.PartitionInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Puts this build's boot environment onto an existing stick: boot code in LBA 0 (first 440 bytes only, the
 * partition table stays), core.img in the gap, and the boot files. The stick stays bootable at every crash point:
 * core.img goes into the slot LBA 0 does not use ({@link CoreImageSlots}) and the boot files in beside the old ones
 * ({@link BootFilesSwap}) before anything switches; a damaged boot partition is reformatted instead (same serial).
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

    /** The boot partition's files for a menu: today's layout, or the Secure Boot one (shim, signed GRUB, signatures). */
    @FunctionalInterface
    public interface BootFiles {
        Map<String, byte[]> of(MenuOptions menu) throws IOException;
    }

    /** @param console where the menu shows; null keeps what the stick had */
    public UpdateResult update(BlockDevice rawDev, Payload payload, Console console, String polybootVersion,
                               ProgressListener progress) throws IOException, RefusedException {
        return update(rawDev, payload, console, polybootVersion, menu -> EspContents.files(payload, menu), progress);
    }

    /** @param bootFiles the boot partition's new files (a Secure Boot stick keeps its layout: the caller decides) */
    public UpdateResult update(BlockDevice rawDev, Payload payload, Console console, String polybootVersion,
                               BootFiles bootFiles, ProgressListener progress) throws IOException, RefusedException {
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
        long home = disk.coreImageLba();
        long coreSectors = BiosBootCode.sectors(payload.coreImg());
        long gapEnd = CoreImageSlots.gapEnd(data.startByte(), ss);
        if (home + coreSectors > gapEnd) {
            throw new RefusedException("the new core.img (" + coreSectors + " sectors) does not fit before the data partition",
                    "reinstall with 'polyboot install --force' after saving your files");
        }
        Console keep = console != null ? console : before.console() == null ? Console.SCREEN : Console.parse(before.console());
        long serial = bootSerial(disk);
        MenuOptions menu = MenuOptions.defaults(polybootVersion).withConsole(keep);
        Map<String, byte[]> files = bootFiles.of(menu);
        // The new core.img goes where LBA 0 does not point; the pointer switches in one sector write (CoreImageSlots).
        long slot = CoreImageSlots.free(dev, home, coreSectors, gapEnd);
        long coreLba = slot < 0 ? home : slot;

        FatVolume esp = BootFilesSwap.openForUpdate(
                new SliceBlockDevice(dev, boot.startByte(), boot.sizeBytes()), clock, files); // behind the fence
        if (esp != null) {
            // Crash-safe order, a flush between steps: new files under temporary names; core.img into the free slot;
            // then each file switched by replace (old or new at every point), the EFI loader and LBA 0 together, the
            // menu and VERSION last. Between the switches the stick boots a mix of old and new files of one polyboot.
            try (esp) {
                progress.phase("writing boot files", 0);
                BootFilesSwap.stage(esp, files);
                esp.flush();
                progress.phase("writing boot code", 0);
                StickInstaller.writeCoreImage(dev, coreLba, BiosBootCode.coreImage(payload.coreImg(), coreLba));
                dev.flush();
                for (String path : switchOrder(files.keySet())) {
                    BootFilesSwap.commit(esp, path);
                    esp.flush();
                    if (path.equals(EspContents.EFI_LOADER)) switchBootCode(dev, payload, coreLba);
                }
            }
        } else {
            // The boot partition is damaged (or not ours to trust): reformat it. The BIOS chain still switches last, so
            // BIOS boot keeps working throughout unless core.img had to be written over the one in use.
            progress.phase("writing boot code", 0);
            StickInstaller.writeCoreImage(dev, coreLba, BiosBootCode.coreImage(payload.coreImg(), coreLba));
            dev.flush();
            PlannedPartition bootPlan = new PlannedPartition(2, PartitionRole.BOOT, boot.startByte() / ss, boot.sizeBytes() / ss,
                    ss, 0, false, null, null, null, FileSystemKind.FAT16, StickLayoutPlanner.BOOT_LABEL, serial);
            StickInstaller.writeBootPartition(dev, bootPlan, files, clock, progress);
            dev.flush();
            switchBootCode(dev, payload, coreLba);
        }
        dev.flush();
        return new UpdateResult(before.polybootVersion(), before.payloadVersion(), polybootVersion, payload.version(),
                keep.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Files switched in this order (the rest after them): the files GRUB loads on demand first, then the EFI loader
     * with the BIOS boot code right after it, then the menu, and VERSION, which names the installed polyboot, last.
     */
    static final List<String> SWITCH_ORDER = List.of(EspContents.MEMDISK, EspContents.PBINIT, EspContents.MANIFEST,
            EspContents.EFI_LOADER, EspContents.GRUB_CFG, EspContents.VERSION);

    /**
     * The order files are switched in: files outside {@link #SWITCH_ORDER} first (on a Secure Boot stick the signed GRUB,
     * MokManager and the certificate, which shim needs before it becomes the EFI loader), then {@link #SWITCH_ORDER},
     * each file's detached signature right before the file.
     */
    static List<String> switchOrder(java.util.Set<String> paths) {
        List<String> out = new java.util.ArrayList<>();
        for (String p : new java.util.TreeSet<>(paths)) {
            boolean ordered = SWITCH_ORDER.contains(p) || (p.endsWith(SIG) && SWITCH_ORDER.contains(p.substring(0, p.length() - SIG.length())));
            if (!ordered) out.add(p);
        }
        for (String p : SWITCH_ORDER) {
            if (paths.contains(p + SIG)) out.add(p + SIG);
            if (paths.contains(p)) out.add(p);
        }
        return out;
    }

    private static final String SIG = ".sig";

    /** LBA 0's first 440 bytes: boot.img pointing at {@code coreLba} (one sector write; the partition table stays). */
    private static void switchBootCode(BlockDevice dev, Payload payload, long coreLba) throws IOException {
        ByteBuffer lba0 = dev.read(0, dev.sectorSize());
        lba0.put(0, BiosBootCode.bootCode(payload.bootImg(), coreLba));
        dev.write(0, lba0.rewind());
        dev.flush();
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
