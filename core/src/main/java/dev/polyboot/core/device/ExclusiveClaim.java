package dev.polyboot.core.device;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel's exclusive claim on a whole disk, held from the last safety check to the end of a write so that nothing
 * can mount the disk or one of its partitions in between (a desktop automounting the new data partition halfway
 * through an install, or another program formatting the stick).
 *
 * <p>It is an {@code open(2)} of the disk node with {@code O_RDONLY|O_EXCL}: on a block device O_EXCL without
 * O_CREAT is a claim, not a create flag. While it is held, every other exclusive open of the disk or of any of its
 * partitions fails with EBUSY, and a kernel mount is one; it fails itself with EBUSY while a partition is mounted
 * or claimed (device-mapper, md, another program's O_EXCL). Plain opens are not affected, which is how polyboot's
 * own channels ({@link TargetResolver#open}) keep doing the I/O while the claim is held. exfat-fuse opens its device
 * with O_EXCL as well (tested); a FUSE file system that does not is not seen by the claim, and
 * {@link TargetGuard}'s mount checks cover it.
 *
 * <p>The claim ends when it is closed or the process exits. Java cannot pass O_EXCL for an existing file, hence JNA
 * ({@link Libc}).
 */
public final class ExclusiveClaim implements AutoCloseable {
    private final Target.Device device;
    private int fd;

    private ExclusiveClaim(Target.Device device, int fd) {
        this.device = device;
        this.fd = fd;
    }

    /**
     * Claims the whole disk {@code device}.
     *
     * @throws RefusedException when the kernel says it is in use (EBUSY): mounted, or claimed by another program
     * @throws IOException      for any other failure (no permission, the node vanished, not a block device any more)
     */
    public static ExclusiveClaim claim(Target.Device device) throws IOException, RefusedException {
        if (device.node().partition()) {
            throw new IllegalArgumentException(device.path() + " is a partition; claims are taken on whole disks");
        }
        String path = device.path().toString();
        int fd;
        try {
            fd = Libc.open(path, Libc.O_RDONLY | Libc.O_EXCL | Libc.O_CLOEXEC);
        } catch (Libc.ErrnoException e) {
            if (e.errno() == Libc.EBUSY) {
                throw new RefusedException(path + " is in use (mounted or opened exclusively by another program)",
                        "unmount its partitions (see lsblk " + path + ") and close programs that use it, then run the command again");
            }
            throw new IOException("cannot claim " + path + " exclusively: " + e.getMessage(), e);
        }
        ExclusiveClaim claim = new ExclusiveClaim(device, fd);
        try {
            claim.checkSameDevice();
        } catch (IOException | RuntimeException e) {
            claim.close();
            throw e;
        }
        return claim;
    }

    /** The path is resolved again by open(2): a node replaced since {@link TargetResolver#resolve} is not claimed. */
    private void checkSameDevice() throws IOException {
        Optional<String> opened = TargetResolver.blockDeviceNumber(Path.of("/proc/self/fd", Integer.toString(fd)));
        if (opened.isEmpty() || !opened.get().equals(device.node().majorMinor())) {
            throw new IOException(device.path() + " is now " + opened.map(mm -> "block device " + mm).orElse("not a block device")
                    + ", not " + device.node().majorMinor() + " (" + device.node().name() + ") as checked");
        }
    }

    public Target.Device device() {
        return device;
    }

    public boolean held() {
        return fd >= 0;
    }

    /** The claiming descriptor, for ioctls that must come from the claim holder (BLKRRPART). */
    int fd() {
        if (fd < 0) throw new IllegalStateException("the claim on " + device.path() + " was released");
        return fd;
    }

    /** Releases the claim; closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (fd < 0) return;
        int f = fd;
        fd = -1;
        Libc.close(f);
    }
}
