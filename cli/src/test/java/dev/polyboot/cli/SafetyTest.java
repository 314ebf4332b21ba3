package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals, on loop devices and images this test made itself (never another disk). Every loop device
 * is detached and every mount unmounted in finally blocks.
 */
class SafetyTest {
    @TempDir
    Path tmp;

    private Path blank(String name, long bytes) throws Exception {
        Path p = tmp.resolve(name);
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(1), bytes - 1);
        }
        return p;
    }

    @Test
    void refusesAMountedLoopDevice() throws Exception {
        Tools.require("mkfs.ext4");
        Path img = blank("ext4.img", 256L << 20);
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        try (LoopDevice loop = LoopDevice.attach(img, false)) {
            Tools.run("mkfs.ext4", "-q", "-F", loop.node).assertOk();
            Tools.run("mount", loop.node, mnt.toString()).assertOk();
            try {
                CliRun r = CliRun.of("install", loop.node, "--yes", "--force");
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
                assertThat(r.err()).contains("polyboot: " + loop.node + " has a mounted file system (" + loop.node + " on " + mnt + ")")
                        .contains("hint: unmount it first");
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
            // still an ext4 file system: nothing was written
            assertThat(Tools.run("blkid", "-o", "value", "-s", "TYPE", loop.node).stdout().trim()).isEqualTo("ext4");
        }
    }

    @Test
    void refusesAPartitionAndAnExistingStickAndAsksWithoutTerminal() throws Exception {
        Path img = tmp.resolve("stick.img");
        assertThat(CliRun.of("install", img.toString(), "--size", "256M").exitCode()).isZero();
        CliRun again = CliRun.of("install", img.toString(), "--size", "256M");
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("already holds polyboot").contains("polyboot update " + img);

        try (LoopDevice loop = LoopDevice.attach(img, false)) {
            String part = loop.addPartitions();
            CliRun r = CliRun.of("install", part, "--yes", "--force");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains(part + " is a partition, not a whole disk").contains("hint: give the whole disk: " + loop.node);

            CliRun fixed = CliRun.of("install", loop.node, "--yes");
            assertThat(fixed.exitCode()).isEqualTo(3);
            assertThat(fixed.err()).contains("is not a removable disk (loop devices count as fixed disks)");

            CliRun existing = CliRun.of("install", loop.node, "--yes", "--gpt");
            assertThat(existing.exitCode()).isEqualTo(3);
        }
    }

    @Test
    void withoutATerminalOnlyYesProceeds() throws Exception {
        Path img = blank("blank.img", 256L << 20);
        try (LoopDevice loop = LoopDevice.attach(img, false)) {
            CliRun asked = CliRun.of("install", loop.node, "--force");
            assertThat(asked.exitCode()).as(asked.toString()).isEqualTo(3);
            assertThat(asked.err()).contains("no terminal to confirm erasing " + loop.node).contains("hint: add --yes");
            assertThat(Files.size(img)).isEqualTo(256L << 20);
            assertThat(CliRun.of("info", loop.node).out()).contains("not a polyboot stick");

            CliRun yes = CliRun.of("install", loop.node, "--force", "--yes", "--gpt");
            assertThat(yes.exitCode()).as(yes.toString()).isZero();
            CliRun verify = CliRun.of("verify", loop.node);
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            Path iso = Files.write(tmp.resolve("tool.iso"), new byte[777_777]);
            CliRun add = CliRun.of("add", "--force", loop.node, iso.toString());
            assertThat(add.exitCode()).as(add.toString()).isZero();
            assertThat(add.out()).contains("added /tool.iso").doesNotContain("via the mounted partition");
            assertThat(CliRun.of("list", loop.node).out()).contains("/tool.iso");
            CliRun update = CliRun.of("update", loop.node);
            assertThat(update.exitCode()).isEqualTo(3);
            assertThat(update.err()).contains("no terminal to confirm updating");
        }
        EndToEndTest.oracles(img, true);
    }

    @Test
    void addGoesThroughTheMountPointWhenTheDataPartitionIsMounted() throws Exception {
        Tools.require("mount.exfat-fuse");
        Path img = tmp.resolve("stick.img");
        assertThat(CliRun.of("install", img.toString(), "--size", "256M").exitCode()).isZero();
        Path iso = Files.write(tmp.resolve("live.iso"), new byte[1_500_000]);
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        try (LoopDevice loop = LoopDevice.attach(img, false)) {
            String part = loop.addPartitions();
            Tools.run("mount.exfat-fuse", part, mnt.toString()).assertOk();
            try {
                CliRun add = CliRun.of("add", "--force", img.toString(), iso.toString());
                assertThat(add.exitCode()).as(add.toString()).isZero();
                assertThat(add.out()).contains("added /live.iso").contains("via the mounted partition");
                assertThat(mnt.resolve("live.iso")).hasSize(1_500_000);
                CliRun install = CliRun.of("install", img.toString(), "--size", "256M", "--force");
                assertThat(install.exitCode()).isEqualTo(3);
                assertThat(install.err()).contains("is attached to " + loop.node + " and mounted on " + mnt);
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        }
        assertThat(CliRun.of("list", img.toString()).out()).contains("/live.iso");
    }
}
