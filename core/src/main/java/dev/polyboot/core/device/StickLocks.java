package dev.polyboot.core.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One lock per stick between polyboot processes, so that two writers never interleave their exFAT updates
 * (two {@code add}s each allocating from the bitmap they read leave files whose clusters are marked free).
 *
 * <p>The lock is a separate file, not the device: Java's {@code FileChannel.lock} is a POSIX fcntl lock, which the
 * kernel drops when the process closes <em>any</em> descriptor of that file, and polyboot opens a device several
 * times in one command. Its name is the stick's identity however the stick is named, so a symlink, a relative path,
 * a hard link or a /dev/disk/by-id name all meet on one lock:
 * <ul>
 * <li>a whole disk: its device number ({@code dev-8-16.lock});
 * <li>an image file: st_dev and inode ({@code file-2049-1234567.lock}) <em>and</em> its name in its directory, the
 *     directory again by st_dev and inode ({@code path-2049-1234500-stick.img.lock}). The second one exists before the
 *     file does, which is what lets {@code install} lock an image it has yet to create; every command on an
 *     existing image takes it too, so it waits for an install that is creating that file;
 * <li>a loop device over an image file: the image's two names, read from sysfs ({@code loop/backing_file},
 *     compared by st_dev and inode), so {@code add /dev/loop3} and {@code add stick.img} exclude each other. A loop
 *     whose file was deleted has only its device number.
 * </ul>
 * The names are always taken in that order (inode, then name), so two commands cannot each hold one.
 */
public final class StickLocks {
    /** How long a command waits for another one before it refuses; a copy can take minutes, so no queueing. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(3);
    private static final int MAX_SYMLINKS = 40;
    private static final int MAX_ENCODED_NAME = 120;
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

    /**
     * For a command that writes to the stick; refuses after the wait if any other command holds the stick. An
     * {@link Target.ImageFile} that does not exist yet can be locked (install takes the lock before it creates the file);
     * its directory must exist.
     */
    public StickLock exclusive(Target stick, String command) throws IOException, RefusedException {
        return StickLock.acquire(lockFiles(stick), true, command, wait, stick.path());
    }

    /** For a command that only reads the stick; refuses after the wait if a writer holds it. */
    public StickLock shared(Target stick, String command) throws IOException, RefusedException {
        return StickLock.acquire(lockFiles(stick), false, command, wait, stick.path());
    }

    List<Path> lockFiles(Target stick) throws IOException {
        List<String> ids = identities(stick);
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (String id : ids) out.add(dir.resolve(id + ".lock"));
        return out;
    }

    /** The names that are the same whatever path names the stick, in the order they are taken. */
    static List<String> identities(Target stick) throws IOException {
        if (stick instanceof Target.Device d) {
            Optional<Path> backing = d.node().isLoop() ? SysBlock.system().loopBackingFile(d.node()) : Optional.empty();
            if (backing.isPresent() && Files.isRegularFile(backing.get())) return imageIdentities(backing.get());
            return List.of("dev-" + d.node().majorMinor().replace(':', '-'));
        }
        Path p = stick.path();
        if (Files.exists(p)) return imageIdentities(p);
        return List.of(pathIdentity(danglingTarget(p)));
    }

    private static List<String> imageIdentities(Path image) throws IOException {
        Path real = image.toRealPath();
        return List.of("file-" + devIno(real), pathIdentity(real));
    }

    /** The directory by st_dev and inode (bind mounts and other spellings meet), then the name. */
    private static String pathIdentity(Path file) throws IOException {
        Path name = file.getFileName();
        Path parent = file.toAbsolutePath().getParent();
        if (name == null || parent == null) throw new IllegalArgumentException(file + " names no file");
        return "path-" + devIno(parent.toRealPath()) + "-" + encode(name.toString());
    }

    /** A path that does not exist may still be a symlink to where the file will be created. */
    private static Path danglingTarget(Path p) throws IOException {
        Path cur = p.toAbsolutePath();
        for (int i = 0; Files.isSymbolicLink(cur); i++) {
            if (i >= MAX_SYMLINKS) throw new IOException("too many levels of symbolic links: " + p);
            cur = cur.getParent().resolve(Files.readSymbolicLink(cur));
        }
        return cur;
    }

    private static String devIno(Path p) throws IOException {
        long dev = ((Number) Files.getAttribute(p, "unix:dev")).longValue();
        long ino = ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        return Long.toUnsignedString(dev) + "-" + Long.toUnsignedString(ino);
    }

    /** File-name safe and injective: [A-Za-z0-9._-] as is, other bytes %XX; long names by SHA-256 ("%s" is no escape). */
    static String encode(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        for (byte x : utf8) {
            char c = (char) (x & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) b.append(c);
            else b.append('%').append(String.format("%02X", x & 0xff));
        }
        if (b.length() <= MAX_ENCODED_NAME) return b.toString();
        try {
            return "%sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
