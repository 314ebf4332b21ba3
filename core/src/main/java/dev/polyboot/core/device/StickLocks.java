package dev.polyboot.core.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One lock per stick between polyboot processes, so that two writers never interleave their exFAT updates
 * (two {@code add}s each allocating from the bitmap they read leave files whose clusters are marked free).
 *
 * <p>The lock is a separate file, not the device: Java's {@code FileChannel.lock} is a POSIX fcntl lock, which the
 * kernel drops when the process closes <em>any</em> descriptor of that file, and polyboot opens a device several
 * times in one command. Its name is the stick's identity however the stick is named: the device number of a
 * whole disk ({@code dev-8-16.lock}), or st_dev and inode of an image file ({@code file-2049-1234567.lock}), so a
 * symlink, a relative path or a /dev/disk/by-id name all meet on one lock. An image file and a loop device over it
 * are two identities; the mount detection ({@link TargetGuard#mountsOfImage}) covers that case.
 */
public final class StickLocks {
    /** How long a command waits for another one before it refuses; a copy can take minutes, so no queueing. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(3);
    private final Path dir;
    private final Duration wait;

    public StickLocks(Path dir, Duration wait) {
        this.dir = dir;
        this.wait = wait;
    }

    /** /run/lock/polyboot (shared by every user of the machine), else a directory under java.io.tmpdir. */
    public static StickLocks system() {
        Path run = Path.of("/run/lock");
        Path dir = Files.isDirectory(run) && Files.isWritable(run) ? run.resolve("polyboot")
                : Path.of(System.getProperty("java.io.tmpdir"), "polyboot-locks");
        return new StickLocks(dir, DEFAULT_WAIT);
    }

    public Path dir() {
        return dir;
    }

    /** For a command that writes to the stick; refuses after the wait if any other command holds the stick. */
    public StickLock exclusive(Target stick, String command) throws IOException, RefusedException {
        return StickLock.acquire(lockFile(stick), true, command, wait, stick.path());
    }

    /** For a command that only reads the stick; refuses after the wait if a writer holds it. */
    public StickLock shared(Target stick, String command) throws IOException, RefusedException {
        return StickLock.acquire(lockFile(stick), false, command, wait, stick.path());
    }

    Path lockFile(Target stick) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(identity(stick) + ".lock");
    }

    /** The name that is the same whatever path names the stick. */
    static String identity(Target stick) throws IOException {
        if (stick instanceof Target.Device d) {
            return "dev-" + d.node().majorMinor().replace(':', '-');
        }
        Path p = stick.path();
        long dev = ((Number) Files.getAttribute(p, "unix:dev")).longValue();
        long ino = ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        return "file-" + Long.toUnsignedString(dev) + "-" + Long.toUnsignedString(ino);
    }
}
