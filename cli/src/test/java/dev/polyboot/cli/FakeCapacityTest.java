package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A counterfeit stick as a real block device: a loop device over core/src/test/fixtures/fakestick (a FUSE file that
 * claims 256 MiB and wraps every write modulo its real 64 MiB). install must fail its verification (exit 4, message)
 * where a buffered read-back would have passed; the same program with the real size equal to the claimed one is an
 * honest stick that installs and verifies.
 */
class FakeCapacityTest {
    private static final Path SOURCE = Path.of("..", "core", "src", "test", "fixtures", "fakestick", "fakestick.c");
    @TempDir
    static Path tmp;
    static Path program;

    @BeforeAll
    static void build() {
        Tools.require("cc");
        Tools.require("pkg-config");
        program = tmp.resolve("fakestick");
        String flags = Tools.run("pkg-config", "--cflags", "--libs", "fuse3").assertOk().stdout().trim();
        List<String> cmd = new java.util.ArrayList<>(List.of("cc", "-O2", "-Wall", "-Werror", "-o", program.toString(), SOURCE.toString()));
        cmd.addAll(List.of(flags.split("\\s+")));
        Tools.run(120, cmd).assertOk();
    }

    /** Mounts a fakestick, attaches a loop device over its file, runs the body, and always cleans up. */
    private static void withStick(long claimed, long real, Body body) throws Exception {
        Path mnt = Files.createTempDirectory(tmp, "mnt");
        Process fuse = new ProcessBuilder(program.toString(), mnt.toString(), Long.toString(claimed), Long.toString(real))
                .redirectErrorStream(true).redirectOutput(tmp.resolve(mnt.getFileName() + ".log").toFile()).start();
        String loop = null;
        try {
            Path disk = mnt.resolve("disk");
            for (int i = 0; i < 100 && !Files.exists(disk); i++) Thread.sleep(50);
            assertThat(disk).as("fakestick mounted").exists();
            loop = Tools.run("losetup", "-f", "--show", disk.toString()).assertOk().stdout().trim();
            body.run(loop);
        } finally {
            if (loop != null) {
                Tools.run("partx", "-d", loop); // install made the kernel add them
                Tools.run("losetup", "-d", loop);
            }
            Tools.run("umount", mnt.toString());
            fuse.destroy();
            fuse.waitFor();
        }
    }

    interface Body {
        void run(String loop) throws Exception;
    }

    @Test
    void aStickThatWrapsFailsInstallVerification() throws Exception {
        withStick(256L << 20, 64L << 20, loop -> {
            CliRun r = CliRun.of("install", loop, "--force", "--yes");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VERIFY_FAILED);
            assertThat(r.err()).contains("does not keep data written at byte", "(fake capacity or a failing stick)",
                    "hint: use another stick");
        });
    }

    /** A stick written with dd (no probe): plain verify and verify --full both see that it lost data. */
    @Test
    void aStickThatWrapsFailsVerifyFull() throws Exception {
        Path honest = tmp.resolve("honest.img");
        assertThat(CliRun.of("install", honest.toString(), "--size", "256M", "-y", "-q").exitCode()).isZero();
        assertThat(CliRun.of("add", honest.toString(), "/usr/lib/ipxe/ipxe.iso", "-q").exitCode()).isZero();
        withStick(256L << 20, 64L << 20, loop -> {
            try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(honest);
                 java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(Path.of(loop),
                         java.nio.file.StandardOpenOption.WRITE)) {
                long pos = 0;
                while (pos < in.size()) pos += in.transferTo(pos, in.size() - pos, out.position(pos));
                out.force(true);
            }
            CliRun full = CliRun.of("verify", loop, "--full");
            assertThat(full.exitCode()).as(full.toString()).isEqualTo(ExitCodes.VERIFY_FAILED);
            assertThat(full.out()).contains("stick BROKEN");
        });
    }

    @Test
    void anHonestStickInstallsAndVerifies() throws Exception {
        withStick(256L << 20, 256L << 20, loop -> {
            CliRun r = CliRun.of("install", loop, "--force", "--yes");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(CliRun.of("add", loop, "/usr/lib/ipxe/ipxe.iso", "-q").exitCode()).isZero();
            CliRun v = CliRun.of("verify", loop, "--full");
            assertThat(v.exitCode()).as(v.toString()).isZero();
            assertThat(v.out()).contains("1 match what add recorded");
            assertThat(v.out()).contains("stick OK");
        });
    }
}
