package dev.polyboot.formats.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens image files and Linux block device nodes alike. A node is recognised by its file mode; its size,
 * logical sector size and the rest come from sysfs, because a device node's file length is 0.
 */
public final class BlockDevices {
    static final Path SYSFS = Path.of("/sys");
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private BlockDevices() {}

    /** An image file (its length is the size, 512-byte sectors) or a block device node (sysfs tells). */
    public static BlockDevice open(Path path, boolean readOnly) throws IOException {
        if (isBlockDevice(path)) {
            BlockDeviceInfo info = describe(path);
            return FileBlockDevice.openDevice(path, info.sizeBytes(), info.logicalSectorSize(), readOnly);
        }
        return FileBlockDevice.open(path, readOnly);
    }

    public static boolean isBlockDevice(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & S_IFMT) == S_IFBLK;
        } catch (UnsupportedOperationException e) {
            return false; // no "unix" attribute view: not Linux, so not a node we know how to describe
        }
    }

    /** @throws IllegalArgumentException when {@code node} is not a block device node */
    public static BlockDeviceInfo describe(Path node) throws IOException {
        return describe(node, SYSFS);
    }

    static BlockDeviceInfo describe(Path node, Path sysfs) throws IOException {
        if (!isBlockDevice(node)) throw new IllegalArgumentException("not a block device: " + node);
        long rdev = (Long) Files.getAttribute(node, "unix:rdev");
        return describe(node, major(rdev), minor(rdev), sysfs);
    }

    /** Reads sysfs for device {@code major:minor}; {@code sysfs} is a parameter so tests can give a fake tree. */
    static BlockDeviceInfo describe(Path node, int major, int minor, Path sysfs) throws IOException {
        Path dir = sysfs.resolve("dev/block/" + major + ":" + minor);
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "no sysfs entry for " + node);
        Path real = dir.toRealPath();
        boolean partition = Files.exists(real.resolve("partition"));
        Path disk = partition ? real.getParent() : real;
        long sectors512 = Long.parseLong(read(real.resolve("size")));
        int logical = Integer.parseInt(read(disk.resolve("queue/logical_block_size")));
        boolean removable = "1".equals(read(disk.resolve("removable")));
        Path modelFile = disk.resolve("device/model");
        String model = Files.isRegularFile(modelFile) ? read(modelFile) : null;
        return new BlockDeviceInfo(node, real.getFileName().toString(), major, minor, Math.multiplyExact(sectors512, 512L),
                logical, removable, partition, disk.getFileName().toString(), model == null || model.isEmpty() ? null : model);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.US_ASCII).strip();
    }

    // glibc's gnu_dev_major/gnu_dev_minor: the 64-bit dev_t splits each number across two bit ranges.
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & 0xffffff00L));
    }
}
