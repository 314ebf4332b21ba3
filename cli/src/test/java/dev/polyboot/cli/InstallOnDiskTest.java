package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.LoopDevice;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install on a real block device: afterwards the kernel knows the new partitions (polyboot asked it to re-read the
 * table; without that a loop device here has none), with the sizes the table says, and update keeps them.
 */
class InstallOnDiskTest {
    @TempDir
    Path tmp;

    @Test
    void theNewPartitionsAppearWithoutReplugging() throws Exception {
        Path img = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(512L << 20);
        }
        try (LoopDevice loop = LoopDevice.attach(img, 512)) { // close: partx -d, then detach
            Path sys = Path.of("/sys/class/block", loop.name());
            assertThat(sys.resolve(loop.name() + "p1")).as("no partitions before").doesNotExist();
            CliRun r = CliRun.of("install", loop.node().toString(), "--force", "-y", "-q");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).doesNotContain("warning");
            long p1 = Long.parseLong(Files.readString(sys.resolve(loop.name() + "p1").resolve("size")).trim()) * 512;
            long p2 = Long.parseLong(Files.readString(sys.resolve(loop.name() + "p2").resolve("size")).trim()) * 512;
            assertThat(p1 + p2).isGreaterThan(500L << 20);
            assertThat(p2).isEqualTo(64L << 20);
            assertThat(loop.partition(1)).exists();

            CliRun u = CliRun.of("update", loop.node().toString(), "-y", "-q");
            assertThat(u.exitCode()).as(u.toString()).isZero();
            assertThat(CliRun.of("verify", loop.node().toString()).exitCode()).isZero();
        }
    }
}
