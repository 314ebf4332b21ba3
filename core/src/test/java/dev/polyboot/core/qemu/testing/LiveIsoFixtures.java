package dev.polyboot.core.qemu.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Linux live ISOs built from Debian packages by the scripts in {@code core/src/test/fixtures/live/}
 * (see the README there), for boot tests. Each is built once and cached in
 * {@code ${POLYBOOT_FIXTURE_CACHE:-/var/cache/polyboot/fixtures}} under a name carrying the SHA-256 of its
 * script, so a changed script rebuilds and a deleted ISO is rebuilt; a file lock keeps parallel test JVMs
 * from building the same ISO twice. The build log stays next to the ISO; a failed build fails the test with
 * the log's tail. Missing tools or not being root skips the test locally and fails it under CI=true.
 */
public final class LiveIsoFixtures {
    /** Whole-build limit; both builds take 5-15 minutes on two cores with a nearby mirror. */
    static final Duration BUILD_LIMIT = Duration.ofMinutes(45);
    private static final int LOG_TAIL_LINES = 60;

    /** The fixtures: script, tools it needs, and the line its systemd unit writes to /dev/ttyS0. */
    public enum Fixture {
        DEBIAN_LIVE("debian-live", "POLYBOOT_DEBIAN", List.of("lb", "debootstrap", "mksquashfs", "xorriso")),
        DRACUT_LIVE("dracut-live", "POLYBOOT_DRACUT", List.of("debootstrap", "mksquashfs", "mkfs.ext4", "xorriso", "grub-mkrescue", "mformat"));

        private final String name;
        private final String volumeId;
        private final List<String> tools;

        Fixture(String name, String volumeId, List<String> tools) {
            this.name = name;
            this.volumeId = volumeId;
            this.tools = tools;
        }

        public String fileName() {
            return name + ".iso";
        }

        public String volumeId() {
            return volumeId;
        }

        /** What the booted system writes to the serial port once its userland is up. */
        public String marker() {
            return "POLYBOOT-LIVE-OK " + name;
        }

        Path script() {
            return scriptDirectory().resolve(name + ".sh");
        }
    }

    private LiveIsoFixtures() {}

    /** The fixture's ISO, built (or taken from the cache). */
    public static Path iso(Fixture f) throws IOException {
        requireBuildable(f.tools);
        String key = f.name + "-" + digest(f.script());
        return cached(key + ".iso", out -> run(List.of("sh", f.script().toString(), out.toString(), workDir(key).toString()),
                out.resolveSibling(key + ".log")));
    }

    /**
     * The Debian live fixture re-mastered by xorriso with 4.2 GiB of zeros sorted before everything else, so that
     * the kernel, the initrd and the squashfs all lie beyond the 4 GiB offset inside an ISO file over 4 GiB: what
     * GRUB's exFAT/ISO readers and the booted kernel's loop + exFAT drivers must read for the boot to succeed.
     */
    public static Path bigDebianIso() throws IOException {
        Path small = iso(Fixture.DEBIAN_LIVE);
        String key = small.getFileName().toString().replace(".iso", "") + "-big";
        return cached(key + ".iso", out -> {
            // Two sparse 2.1 GiB files (costing no disk until written), separate inodes: xorriso stores a file
            // mapped twice only once. Two instead of one: no ISO 9660 multi-extent file is needed for the padding.
            Path padA = out.resolveSibling(key + ".pad-a");
            Path padB = out.resolveSibling(key + ".pad-b");
            for (Path pad : List.of(padA, padB)) {
                try (FileChannel ch = FileChannel.open(pad, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(java.nio.ByteBuffer.allocate(1), (2150L << 20) - 1);
                }
            }
            try {
                // -boot_image any discard: replaying live-build's hybrid GPT over the moved files fails ("GPT partitions
                // overlap"); polyboot boots the ISO's kernel by loopback, the ISO's own El Torito records are not needed.
                run(List.of("xorriso", "-indev", small.toString(), "-outdev", out.toString(), "-boot_image", "any", "discard",
                        "-map", padA.toString(), "/0pad/a.bin", "-map", padB.toString(), "/0pad/b.bin",
                        "-find", "/0pad", "-type", "f", "-exec", "sort_weight", "1000000", "--",
                        "-commit"), out.resolveSibling(key + ".log"));
            } finally {
                Files.deleteIfExists(padA);
                Files.deleteIfExists(padB);
            }
        });
    }

    /**
     * The dracut fixture re-made with its root tree directly in {@code LiveOS/squashfs.img} and an ISO menu that passes
     * {@code rd.live.overlay.overlayfs=1} (and a second, "safe graphics" entry): booting it needs the ISO's own kernel
     * arguments (dracut-overlay.sh). Same kernel, initrd, root and marker as {@link Fixture#DRACUT_LIVE}.
     */
    public static Path dracutOverlayIso() throws IOException {
        Path source = iso(Fixture.DRACUT_LIVE);
        Path script = scriptDirectory().resolve("dracut-overlay.sh");
        String key = source.getFileName().toString().replace(".iso", "") + "-overlay-" + digest(script);
        return cached(key + ".iso", out -> run(List.of("sh", script.toString(), source.toString(), out.toString(),
                workDir(key).toString()), out.resolveSibling(key + ".log")));
    }

    /** The scripts' directory in the source tree (tests run with the module as working directory). */
    public static Path scriptDirectory() {
        Path repo = Path.of(System.getProperty("polyboot.repo", ".."));
        Path dir = repo.resolve("core/src/test/fixtures/live");
        return Files.isDirectory(dir) ? dir : Path.of("src/test/fixtures/live");
    }

    public static Path cacheDirectory() {
        String env = System.getenv("POLYBOOT_FIXTURE_CACHE");
        return Path.of(env == null || env.isBlank() ? "/var/cache/polyboot/fixtures" : env);
    }

    private interface Builder {
        void build(Path out) throws IOException;
    }

    private static synchronized Path cached(String fileName, Builder builder) throws IOException {
        Path dir = Files.createDirectories(cacheDirectory());
        Path iso = dir.resolve(fileName);
        awaitPrebuild(dir.resolve(fileName + ".prebuild"));
        try (FileChannel lockFile = FileChannel.open(dir.resolve(fileName + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            if (Files.isRegularFile(iso)) return iso;
            Path partial = dir.resolve(fileName + ".partial");
            Files.deleteIfExists(partial);
            long start = System.nanoTime();
            builder.build(partial);
            Files.move(partial, iso, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(Locale.ROOT, "FIXTURE-TIMING %s built in %.1f s (%d MiB)%n", fileName,
                    (System.nanoTime() - start) / 1e9, Files.size(iso) >> 20);
            return iso;
        }
    }

    /**
     * scripts/prebuild-live-fixtures (started by run-tests) may be building this ISO right now; its PID is in
     * {@code marker}. Its lock is not ours (flock vs. fcntl do not see each other), hence the marker.
     */
    private static void awaitPrebuild(Path marker) throws IOException {
        long deadline = System.nanoTime() + BUILD_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            long pid;
            try {
                pid = Long.parseLong(Files.readString(marker).trim());
            } catch (java.nio.file.NoSuchFileException e) {
                return;
            } catch (NumberFormatException e) {
                return; // half-written marker of a dying script: build ourselves under our own lock
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return;
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the fixture prebuild", e);
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(BUILD_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("fixture build timed out after " + BUILD_LIMIT + ": " + command + "\nlog " + log + ", tail:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building a fixture", e);
        }
        if (p.exitValue() != 0) {
            fail("fixture build failed with exit " + p.exitValue() + ": " + command + "\nlog " + log + ", tail:\n" + tail(log));
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static Path workDir(String key) {
        return cacheDirectory().resolve("work-" + key);
    }

    private static void requireBuildable(List<String> tools) {
        for (String t : tools) Tools.require(t);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            String msg = "live ISO fixtures are built as root (debootstrap, live-build)";
            if (Tools.inCi()) fail(msg);
            Assumptions.assumeTrue(false, msg);
        }
    }

    /** First 16 hex digits of the SHA-256 of the script: the cache key. */
    static String digest(Path script) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(script));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
