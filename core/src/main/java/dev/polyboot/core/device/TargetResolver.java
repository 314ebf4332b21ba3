package dev.polyboot.core.device;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.UncachedBlockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Turns the TARGET argument into an image file or a block device, and opens it. */
public final class TargetResolver {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private final SysBlock sys;

    public TargetResolver(SysBlock sys) {
        this.sys = sys;
    }

    public static TargetResolver system() {
        return new TargetResolver(SysBlock.system());
    }

    public SysBlock sys() {
        return sys;
    }

    public Target resolve(String arg) throws IOException, RefusedException {
        Path p = Path.of(arg);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && underDev(p)) {
            // a mistyped /dev/sdX: under /dev a new "image file" would be a RAM-backed file that vanishes at reboot
            throw new RefusedException("no such disk: " + arg, "list the disks with lsblk; polyboot never creates image files under /dev");
        }
        if (!Files.exists(p)) return new Target.ImageFile(p);
        if (Files.isDirectory(p)) {
            throw new RefusedException(arg + " is a directory", "give an image file name (stick.img) or a disk (/dev/sdX)");
        }
        if (Files.isRegularFile(p)) return new Target.ImageFile(p);
        Optional<String> majMin = blockDeviceNumber(p);
        if (majMin.isEmpty()) {
            throw new RefusedException(arg + " is neither a regular file nor a block device", "give an image file or a disk such as /dev/sdX");
        }
        Optional<BlockNode> node = sys.byMajorMinor(majMin.get());
        if (node.isEmpty()) {
            throw new RefusedException("no block device " + majMin.get() + " in sysfs for " + arg, "is /sys mounted?");
        }
        return new Target.Device(p, node.get());
    }

    /** True for a path in /dev or below, however it is written (relative, with "..", through a linked parent). */
    static boolean underDev(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Path real = parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
        return abs.startsWith("/dev") || real.startsWith("/dev");
    }

    /** "major:minor" of a block device node, decoded from st_rdev as glibc's gnu_dev_major/minor do. */
    static Optional<String> blockDeviceNumber(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode");
        if ((mode & S_IFMT) != S_IFBLK) return Optional.empty();
        long rdev = (Long) Files.getAttribute(p, "unix:rdev", new LinkOption[0]);
        long major = ((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & 0xfffff000L);
        long minor = (rdev & 0xffL) | ((rdev >>> 12) & 0xffffff00L);
        return Optional.of(major + ":" + minor);
    }

    /** Creates (or truncates) a sparse image file of {@code size} bytes and opens it for writing. */
    public static BlockDevice createImage(Target.ImageFile t, long size) throws IOException {
        return FileBlockDevice.createSparse(t.path(), size);
    }

    /**
     * Opens an existing target for reading back what was written: O_DIRECT, so the bytes come from the stick and not
     * from the page cache (a buffered read-back passes a stick that drops or wraps writes).
     */
    public static UncachedBlockDevice openUncached(Target t) throws IOException {
        if (t instanceof Target.Device d) return UncachedBlockDevice.open(d.path(), d.node().sizeBytes(), d.node().sectorSize());
        return UncachedBlockDevice.open(t.path(), Files.size(t.path()), 512);
    }

    /** Opens an existing target for reading or writing. */
    public static BlockDevice open(Target t, boolean readOnly) throws IOException {
        if (t instanceof Target.Device d) {
            return FileBlockDevice.openDevice(d.path(), d.node().sizeBytes(), d.node().sectorSize(), readOnly);
        }
        return FileBlockDevice.open(t.path(), readOnly);
    }
}
