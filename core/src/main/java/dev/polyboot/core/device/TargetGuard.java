package dev.polyboot.core.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The safety rules: which targets polyboot refuses to write, and which mounts a target has. Reads
 * mountinfo, /proc/swaps and sysfs through injectable paths so the rules are testable on fake trees.
 */
public final class TargetGuard {
    /** Mount points whose disks hold the running system: never written, not even with --force. */
    static final List<String> SYSTEM_MOUNTS = List.of("/", "/boot", "/boot/efi", "/efi", "/usr", "/var", "/home");

    private final SysBlock sys;
    private final Path mountInfo;
    private final Path swaps;

    public TargetGuard(SysBlock sys, Path mountInfo, Path swaps) {
        this.sys = sys;
        this.mountInfo = mountInfo;
        this.swaps = swaps;
    }

    public static TargetGuard system() {
        return new TargetGuard(SysBlock.system(), Path.of("/proc/self/mountinfo"), Path.of("/proc/swaps"));
    }

    /**
     * Rules for erasing a target (install).
     *
     * @param sizeGiven true when --size asks for an image file to be created (or recreated)
     */
    public void checkInstall(Target t, boolean sizeGiven, boolean force, PolybootProbe probe)
            throws IOException, RefusedException {
        if (t instanceof Target.Device d) {
            if (sizeGiven) throw new IllegalArgumentException("--size is only for image files, not for " + d.path());
            checkWritableDisk(d);
            if (!force && !d.node().removable()) {
                throw new RefusedException(d.path() + " is not a removable disk"
                        + (d.node().isLoop() ? " (loop devices count as fixed disks)" : ""),
                        "check the name with lsblk; add --force if this really is the disk to erase");
            }
            if (!force && probe.holdsPolyboot(t)) throw alreadyPolyboot(t);
            return;
        }
        Path image = t.path();
        boolean exists = Files.exists(image);
        if (!exists && !sizeGiven) {
            throw new IllegalArgumentException(image + " does not exist; give --size to create it (e.g. --size 8G)");
        }
        if (!exists) return;
        checkImageNotMounted(image);
        if (Files.size(image) == 0 || force) return;
        if (probe.holdsPolyboot(t)) throw alreadyPolyboot(t);
        throw new RefusedException(image + " exists and is not empty",
                "choose a new file name, or add --force to overwrite it");
    }

    private static RefusedException alreadyPolyboot(Target t) {
        return new RefusedException(t.path() + " already holds polyboot",
                "run 'polyboot update " + t.path() + "' to refresh it and keep your files, or add --force to erase it");
    }

    /** Rules for rewriting boot code and the boot partition (update): no system disk, boot partition not mounted. */
    public void checkUpdate(Target t) throws IOException, RefusedException {
        if (t instanceof Target.Device d) {
            checkNotPartition(d);
            checkNotSystem(d);
            for (MountedDevice m : mountsOn(d.node())) {
                if (m.device().partitionNumber() != 1) {
                    throw new RefusedException(m.device().devNode() + " is mounted on " + m.mount().mountPoint(),
                            "unmount it first: umount " + m.mount().mountPoint());
                }
            }
        } else {
            for (BlockNode loop : sys.loopsBacking(t.path())) {
                for (MountedDevice m : mountsOn(loop)) {
                    if (m.device().partitionNumber() != 1) {
                        throw new RefusedException(t.path() + " is attached to " + loop.devNode() + " and "
                                + m.device().devNode() + " is mounted on " + m.mount().mountPoint(),
                                "unmount it first: umount " + m.mount().mountPoint());
                    }
                }
            }
        }
    }

    /** Rules for reading or adding files: a whole disk that is not the system disk. */
    public void checkDataAccess(Target t) throws IOException, RefusedException {
        if (t instanceof Target.Device d) {
            checkNotPartition(d);
            checkNotSystem(d);
        }
    }

    private void checkWritableDisk(Target.Device d) throws IOException, RefusedException {
        checkNotPartition(d);
        checkNotSystem(d);
        List<MountedDevice> mounted = mountsOn(d.node());
        if (!mounted.isEmpty()) {
            MountedDevice m = mounted.get(0);
            throw new RefusedException(d.path() + " has a mounted file system (" + m.device().devNode() + " on "
                    + m.mount().mountPoint() + ")", "unmount it first: umount " + m.mount().mountPoint());
        }
        for (BlockNode n : withPartitions(d.node())) {
            List<String> holders = sys.holders(n);
            if (!holders.isEmpty()) {
                throw new RefusedException(n.devNode() + " is in use by " + String.join(", ", holders)
                        + " (LVM, LUKS or RAID)", "stop what uses it (vgchange -an, cryptsetup close, mdadm --stop) first");
            }
        }
    }

    private static void checkNotPartition(Target.Device d) throws RefusedException {
        if (d.node().partition()) {
            throw new RefusedException(d.path() + " is a partition, not a whole disk",
                    "give the whole disk: /dev/" + d.node().parent());
        }
    }

    private void checkNotSystem(Target.Device d) throws IOException, RefusedException {
        Optional<String> why = systemUse(d.node().name());
        if (why.isPresent()) {
            throw new RefusedException(d.path() + " holds the running system (" + why.get() + ")",
                    "pick the USB stick's device; lsblk shows which disk is which");
        }
    }

    private void checkImageNotMounted(Path image) throws IOException, RefusedException {
        for (BlockNode loop : sys.loopsBacking(image)) {
            List<MountedDevice> m = mountsOn(loop);
            if (!m.isEmpty()) {
                throw new RefusedException(image + " is attached to " + loop.devNode() + " and mounted on "
                        + m.get(0).mount().mountPoint(), "unmount it first: umount " + m.get(0).mount().mountPoint());
            }
        }
    }

    /** Why the disk counts as a system disk ("/ is mounted from it", "swap"), if it does. */
    public Optional<String> systemUse(String diskName) throws IOException {
        for (MountInfo.Mount m : MountInfo.read(mountInfo).mounts()) {
            if (!SYSTEM_MOUNTS.contains(m.mountPoint())) continue;
            for (BlockNode n : devicesOf(m)) {
                if (sys.wholeDisksUnder(n).contains(diskName)) return Optional.of(m.mountPoint() + " is mounted from it");
            }
        }
        if (Files.isReadable(swaps)) {
            for (String line : Files.readAllLines(swaps)) {
                String src = line.split("\\s+")[0];
                if (!src.startsWith("/dev/")) continue;
                Optional<BlockNode> n = nodeForPath(src);
                if (n.isPresent() && sys.wholeDisksUnder(n.get()).contains(diskName)) {
                    return Optional.of("swap on " + src);
                }
            }
        }
        return Optional.empty();
    }

    /** Mounts whose device is the disk itself, one of its partitions, or built on them (LVM, LUKS). */
    public List<MountedDevice> mountsOn(BlockNode disk) throws IOException {
        List<MountedDevice> out = new ArrayList<>();
        for (MountInfo.Mount m : MountInfo.read(mountInfo).mounts()) {
            for (BlockNode n : devicesOf(m)) {
                if (sys.wholeDisksUnder(n).contains(disk.name())) {
                    out.add(new MountedDevice(m, n));
                    break;
                }
            }
        }
        return out;
    }

    /** Mounts of the loop devices that are backed by an image file. */
    public List<MountedDevice> mountsOfImage(Path image) throws IOException {
        List<MountedDevice> out = new ArrayList<>();
        for (BlockNode loop : sys.loopsBacking(image)) out.addAll(mountsOn(loop));
        return out;
    }

    /**
     * The mount through which the data partition of an image file must be written, if the OS has it mounted through
     * a loop device: a loop of the whole image whose partition 1 is mounted, or a loop that starts at the data
     * partition ({@code losetup -o START}, {@code mount -o loop,offset=START}) and is mounted itself. Loops are found
     * by the backing file's device and inode, not only its name. Any other mounted loop whose range overlaps the data
     * partition is refused: polyboot cannot map its mount point onto the partition, and writing beside it corrupts it.
     */
    public Optional<MountedDevice> dataMountOfImage(Path image, long dataStart, long dataSize) throws IOException, RefusedException {
        long fileSize = Files.size(image);
        for (BlockNode loop : sys.loopsBacking(image)) {
            SysBlock.LoopRange r = sys.loopRange(loop);
            long end = r.sizeLimit() > 0 ? Math.min(fileSize, r.offset() + r.sizeLimit()) : fileSize;
            boolean overlaps = r.offset() < dataStart + dataSize && end > dataStart;
            for (MountedDevice m : mountsOn(loop)) {
                boolean dataAtStart = m.device().partition()
                        ? r.offset() == 0 && m.device().partitionNumber() == 1
                        : r.offset() == dataStart;
                if (dataAtStart) return Optional.of(m);
                if (overlaps) {
                    throw new RefusedException(image + " is attached to " + loop.devNode() + " (offset " + r.offset()
                            + ", data partition at " + dataStart + ") and " + m.device().devNode() + " is mounted on "
                            + m.mount().mountPoint() + "; polyboot cannot write the data partition beside that mount",
                            "unmount it first: umount " + m.mount().mountPoint());
                }
            }
        }
        return Optional.empty();
    }

    /** A mount names its device twice: by number (not for fuse) and by source path (not for some pseudo-fs). */
    private Set<BlockNode> devicesOf(MountInfo.Mount m) throws IOException {
        Set<BlockNode> out = new LinkedHashSet<>();
        if (!m.majorMinor().startsWith("0:")) sys.byMajorMinor(m.majorMinor()).ifPresent(out::add);
        if (m.source().startsWith("/dev/")) nodeForPath(m.source()).ifPresent(out::add);
        return out;
    }

    private Optional<BlockNode> nodeForPath(String devPath) throws IOException {
        Path p = Path.of(devPath);
        String name;
        try {
            name = p.toRealPath().getFileName().toString();
        } catch (IOException e) {
            name = p.getFileName().toString();
        }
        return sys.byName(name);
    }

    private List<BlockNode> withPartitions(BlockNode disk) throws IOException {
        List<BlockNode> all = new ArrayList<>();
        all.add(disk);
        all.addAll(sys.partitionsOf(disk));
        return all;
    }
}
