package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each safety refusal of install, made by core's API, run as {@code --dry-run} and as a real run: the same sentence,
 * the same hint, exit code 3, and nothing written. On loop devices and images this test made itself; every loop
 * device is detached and every mount unmounted in finally blocks.
 */
class ApiRefusalTest {
    @TempDir
    Path tmp;

    private static CliRun install(boolean dryRun, String... args) {
        String[] all = new String[args.length + (dryRun ? 2 : 1)];
        all[0] = "install";
        System.arraycopy(args, 0, all, 1, args.length);
        if (dryRun) all[all.length - 1] = "--dry-run";
        return CliRun.of(all);
    }

    /** The refusal's two lines on stderr, for comparing a dry run with a real run. */
    private static String refusal(CliRun r) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
        return r.err().lines().filter(l -> l.startsWith("polyboot: ") || l.startsWith("hint: ")).toList().toString();
    }

    private static void sameRefusal(Supplier<CliRun> dry, Supplier<CliRun> real, String expected) {
        String d = refusal(dry.get());
        assertThat(d).contains(expected);
        assertThat(refusal(real.get())).isEqualTo(d);
    }

    private Path blank(String name) throws Exception {
        Path p = tmp.resolve(name);
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(1), (256L << 20) - 1);
        }
        return p;
    }

    @ParameterizedTest(name = "dry run {0}")
    @ValueSource(booleans = {true, false})
    void anAbsentDiskIsRefusedAndNothingIsCreated(boolean dryRun) {
        Path sdq = Path.of("/dev/sdq");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(sdq), "this machine has a /dev/sdq");
        assertThat(refusal(install(dryRun, "/dev/sdq", "--yes"))).contains("polyboot: no such disk: /dev/sdq")
                .contains("hint: list the disks with lsblk");
        assertThat(sdq).doesNotExist();
    }

    @ParameterizedTest(name = "dry run {0}")
    @ValueSource(booleans = {true, false})
    void anImageHoldingPolybootIsRefused(boolean dryRun) throws Exception {
        Path img = tmp.resolve("stick.img");
        assertThat(CliRun.of("install", img.toString(), "--size", "256M").exitCode()).isZero();
        byte[] before = Files.readAllBytes(img);
        assertThat(refusal(install(dryRun, img.toString(), "--size", "256M"))).contains(img + " already holds polyboot")
                .contains("polyboot update " + img);
        assertThat(Files.readAllBytes(img)).isEqualTo(before);
    }

    @ParameterizedTest(name = "dry run {0}")
    @ValueSource(booleans = {true, false})
    void aPartitionAFixedDiskAndAMountedDiskAreRefused(boolean dryRun) throws Exception {
        Tools.require("mkfs.ext4");
        Path img = tmp.resolve("stick.img");
        assertThat(CliRun.of("install", img.toString(), "--size", "256M").exitCode()).isZero();
        try (LoopDevice loop = LoopDevice.attach(img, false)) {
            String part = loop.addPartitions();
            sameRefusal(() -> install(true, part, "--yes", "--force"), () -> install(dryRun, part, "--yes", "--force"),
                    part + " is a partition, not a whole disk");
            sameRefusal(() -> install(true, loop.node, "--yes"), () -> install(dryRun, loop.node, "--yes"),
                    "is not a removable disk (loop devices count as fixed disks)");
        }
        Path ext4 = blank("ext4.img");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        try (LoopDevice loop = LoopDevice.attach(ext4, false)) {
            Tools.run("mkfs.ext4", "-q", "-F", loop.node).assertOk();
            Tools.run("mount", loop.node, mnt.toString()).assertOk();
            try {
                sameRefusal(() -> install(true, loop.node, "--yes", "--force"), () -> install(dryRun, loop.node, "--yes", "--force"),
                        loop.node + " has a mounted file system (" + loop.node + " on " + mnt + ")");
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
            assertThat(Tools.run("blkid", "-o", "value", "-s", "TYPE", loop.node).stdout().trim()).isEqualTo("ext4");
        }
    }
}
