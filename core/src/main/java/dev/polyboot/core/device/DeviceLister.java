package dev.polyboot.core.device;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The disks a user could pick as a stick ({@code polyboot devices}): every whole disk sysfs knows, with what
 * {@link DiskReader} finds on it, and why a system disk, a fixed disk or a loop device is not offered. Reads
 * sysfs, mountinfo and the device nodes (read-only) under injectable roots, so tests run on a fake machine
 * whose "disks" are image files.
 */
public final class DeviceLister {
    static final String SYSTEM = "holds the running system";
    static final String NOT_REMOVABLE = "not removable";
    static final String LOOP = "loop device (counts as a fixed disk)";

    private final Path sysRoot;
    private final SysBlock sys;
    private final Path devRoot;
    private final TargetGuard guard;
    private final DiskReader reader;

    /**
     * @param sysRoot where sysfs is (/sys)
     * @param devRoot where the device nodes are (/dev); a regular file there stands in for a disk
     * @param guard   the safety rules' view of mounts (which disk holds the running system)
     */
    public DeviceLister(Path sysRoot, Path devRoot, TargetGuard guard, Clock clock) {
        this.sysRoot = sysRoot;
        this.sys = new SysBlock(sysRoot);
        this.devRoot = devRoot;
        this.guard = guard;
        this.reader = new DiskReader(clock);
    }

    public static DeviceLister system(Clock clock) {
        return new DeviceLister(Path.of("/sys"), Path.of("/dev"), TargetGuard.system(), clock);
    }

    /**
     * The machine as seen from {@code root}, as lsblk's --sysroot: ROOT/sys, ROOT/dev, ROOT/proc/self/mountinfo,
     * ROOT/proc/swaps.
     */
    public static DeviceLister under(Path root, Clock clock) {
        Path sysRoot = root.resolve("sys");
        TargetGuard guard = new TargetGuard(new SysBlock(sysRoot), root.resolve("proc/self/mountinfo"), root.resolve("proc/swaps"));
        return new DeviceLister(sysRoot, root.resolve("dev"), guard, clock);
    }

    /** Every whole disk with a medium, hidden ones included (see {@link DeviceInfo#hidden()}), sorted by name. */
    public List<DeviceInfo> list() throws IOException {
        List<DeviceInfo> out = new ArrayList<>();
        Path classBlock = sysRoot.resolve("class/block");
        if (!Files.isDirectory(classBlock)) throw new IOException("no " + classBlock + " (is sysfs mounted?)");
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(classBlock)) {
            for (Path p : ds) names.add(p.getFileName().toString());
        }
        names.sort(Comparator.naturalOrder());
        for (String name : names) {
            Optional<BlockNode> n = sys.byName(name);
            if (n.isPresent() && offered(n.get())) out.add(describe(n.get()));
        }
        return out;
    }

    /** One disk, also when {@link #list()} would leave it out; empty when sysfs has no such whole disk. */
    public Optional<DeviceInfo> describe(String name) throws IOException {
        Optional<BlockNode> n = sys.byName(name);
        return n.isEmpty() || n.get().partition() ? Optional.empty() : Optional.of(describe(n.get()));
    }

    /**
     * Whole disks with a medium; not optical drives (sr), device-mapper, md, RAM disks, zram: nothing polyboot
     * could be installed on. Size 0 is an unattached loop device or an empty card reader.
     */
    private boolean offered(BlockNode n) {
        if (n.partition() || n.sizeBytes() == 0 || n.name().startsWith("sr")) return false;
        return n.isLoop() || !relative(n).startsWith("devices/virtual/");
    }

    private DeviceInfo describe(BlockNode disk) throws IOException {
        Transport transport = Transport.of(disk.name(), relative(disk));
        String vendor = vendorName(attribute(disk.sysDir().resolve("device/vendor")));
        String model = attribute(disk.sysDir().resolve("device/model"));
        if (model.isEmpty()) model = attribute(disk.sysDir().resolve("device/name")); // MMC cards
        boolean rotational = "1".equals(attribute(disk.sysDir().resolve("queue/rotational")));
        List<String> hidden = new ArrayList<>();
        Optional<String> system = guard.systemUse(disk.name());
        system.ifPresent(why -> hidden.add(SYSTEM + " (" + why + ")"));
        if (disk.isLoop()) hidden.add(LOOP);
        else if (!disk.removable() && transport != Transport.USB) hidden.add(NOT_REMOVABLE);

        List<DiskReader.Part> parts = new ArrayList<>();
        List<BlockNode> nodes = new ArrayList<>(sys.partitionsOf(disk));
        nodes.sort(Comparator.comparingInt(BlockNode::partitionNumber));
        List<MountedDevice> mounts = guard.mountsOn(disk);
        for (BlockNode p : nodes) {
            long start = parseLong(attribute(p.sysDir().resolve("start"))) * 512;
            List<String> mountPoints = mounts.stream().filter(m -> m.device().name().equals(p.name()))
                    .map(m -> m.mount().mountPoint()).toList();
            parts.add(new DiskReader.Part(p.partitionNumber(), p.devNode(), start, p.sizeBytes(), mountPoints));
        }
        DiskReader.Result r;
        Path node = devRoot.resolve(disk.name());
        try (BlockDevice dev = open(node, disk)) {
            r = reader.read(dev, parts);
        } catch (AccessDeniedException e) {
            r = DiskReader.unreadable(parts, "cannot read " + disk.devNode() + ": permission denied (run as root to see file systems and labels)");
        } catch (FileSystemException e) {
            String why = e.getReason() != null ? e.getReason() : e.getMessage();
            r = DiskReader.unreadable(parts, "cannot read " + disk.devNode() + ": " + why);
        } catch (IOException e) {
            r = DiskReader.unreadable(parts, "cannot read " + disk.devNode() + ": " + e.getMessage());
        }
        return new DeviceInfo(disk.name(), disk.devNode(), disk.sizeBytes(), disk.sectorSize(), vendor, model, transport,
                disk.removable(), rotational, r.partitionTable(), r.fileSystem(), r.label(), r.content(), r.version(),
                r.partitions(), hidden, r.note());
    }

    /** SCSI gives a vendor name ("SanDisk"); virtio gives the PCI vendor id ("0x1af4"), which names nobody. */
    static String vendorName(String sysfsVendor) {
        return sysfsVendor.matches("0x[0-9a-fA-F]{4}") ? "" : sysfsVendor;
    }

    private static BlockDevice open(Path node, BlockNode disk) throws IOException {
        if (Files.isRegularFile(node)) return FileBlockDevice.open(node, true);
        return FileBlockDevice.openDevice(node, disk.sizeBytes(), disk.sectorSize(), true);
    }

    private String relative(BlockNode n) {
        try {
            return sysRoot.toRealPath().relativize(n.sysDir()).toString();
        } catch (IOException | IllegalArgumentException e) {
            return n.sysDir().toString();
        }
    }

    private static String attribute(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.readString(f).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
