package dev.polyboot.cli;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;

/** A loop device the test attached itself; close() removes partition nodes and detaches it. */
final class LoopDevice implements AutoCloseable {
    final String node;

    private LoopDevice(String node) {
        this.node = node;
    }

    static LoopDevice attach(Path image, boolean readOnly) {
        Tools.require("losetup");
        Tools.Result r = readOnly ? Tools.run("losetup", "-f", "--show", "-r", image.toString())
                : Tools.run("losetup", "-f", "--show", image.toString());
        return new LoopDevice(r.assertOk().stdout().trim());
    }

    static String attachRange(Path image, long offset, long size) {
        return Tools.run("losetup", "-f", "--show", "-r", "-o", Long.toString(offset), "--sizelimit", Long.toString(size),
                image.toString()).assertOk().stdout().trim();
    }

    /** Makes /dev/loopNp1... (the kernel here does not scan loop devices for partitions itself). */
    String addPartitions() {
        Tools.require("partx");
        Tools.run("partx", "-a", node).assertOk();
        return node + "p1";
    }

    @Override
    public void close() {
        // always: install asks the kernel to re-read the table, so partitions may exist though this test added none;
        // left behind they would outlive the detach and confuse the next user of this loop device
        Tools.run("partx", "-d", node);
        Tools.run("losetup", "-d", node);
    }
}
