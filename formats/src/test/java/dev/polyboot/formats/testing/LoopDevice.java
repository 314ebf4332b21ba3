package dev.polyboot.formats.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A loop device this test attached over its own image file; {@link #close()} detaches exactly that device.
 * Needs root and a kernel with loop support: skipped locally when unusable, a failure under CI (which runs as root).
 */
public final class LoopDevice implements AutoCloseable {
    private final Path node;

    private LoopDevice(Path node) {
        this.node = node;
    }

    public static LoopDevice attach(Path image, int sectorSize) {
        return attach(image, sectorSize, false);
    }

    /**
     * @param partScan {@code losetup -P}: the kernel may scan partitions itself (BLKRRPART allowed); this kernel has no
     *                 partition parser, so partitions still come from {@link #addPartitions()}
     */
    public static LoopDevice attach(Path image, int sectorSize, boolean partScan) {
        List<String> cmd = new ArrayList<>(List.of("losetup", "-f", "--show"));
        if (sectorSize != 512) cmd.addAll(List.of("--sector-size", String.valueOf(sectorSize)));
        if (partScan) cmd.add("-P");
        cmd.add(image.toString());
        Tools.Result r = Tools.run(60, cmd);
        if (r.exitCode() != 0) {
            String msg = "losetup unusable here (needs root and loop devices): " + r.stderr().strip();
            if (Tools.inCi()) fail(msg);
            Assumptions.assumeTrue(false, msg);
        }
        return new LoopDevice(Path.of(r.stdout().strip()));
    }

    public Path node() {
        return node;
    }

    /** Kernel name, e.g. {@code loop3}. */
    public String name() {
        return node.getFileName().toString();
    }

    /** Asks the kernel for partition devices ({@code /dev/loopNpM}); this kernel has no partition scan of its own. */
    public void addPartitions() {
        Tools.run("partx", "-a", node.toString()).assertOk();
    }

    public Path partition(int number) {
        return Path.of(node + "p" + number);
    }

    @Override
    public void close() {
        // always (fails harmlessly without partitions): polyboot's install asks the kernel to re-read the table, and
        // partitions left behind outlive the detach and confuse the next user of this loop device
        Tools.run("partx", "-d", node.toString());
        Tools.run("losetup", "-d", node.toString()).assertOk();
    }
}
