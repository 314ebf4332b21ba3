package dev.polyboot.core.device;

import dev.polyboot.formats.testing.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A loop device over an image file the test made, as a {@link Target.Device}. {@link #close()} deletes the kernel's
 * partitions of exactly this device ({@code partx -d}), then detaches it, whatever the test did. Needs root: skipped
 * locally without it, a failure under CI.
 */
final class ScratchLoop implements AutoCloseable {
    private final LoopDevice loop;
    private final Path node;

    private ScratchLoop(LoopDevice loop) {
        this.loop = loop;
        this.node = loop.node();
    }

    /** {@code losetup -f --show [-P] IMAGE}; -P lets the kernel scan partitions itself (BLKRRPART allowed). */
    static ScratchLoop attach(Path image, boolean partScan) {
        return new ScratchLoop(LoopDevice.attach(image, 512, partScan));
    }

    /** A zero-filled sparse image of {@code size} bytes in {@code dir}. */
    static Path image(Path dir, String name, long size) throws IOException {
        Path img = dir.resolve(name);
        try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.allocate(1), size - 1);
        }
        return img;
    }

    Path node() {
        return node;
    }

    String name() {
        return node.getFileName().toString();
    }

    Path partition(int number) {
        return Path.of(node + "p" + number);
    }

    Target.Device target() throws IOException, RefusedException {
        return (Target.Device) TargetResolver.system().resolve(node.toString());
    }

    /** Sysfs size in bytes of partition {@code number}, or -1 when the kernel has no such partition. */
    long partitionSize(int number) throws IOException {
        Path size = Path.of("/sys/class/block", name() + "p" + number, "size");
        return Files.exists(size) ? Long.parseLong(Files.readString(size).trim()) * 512 : -1;
    }

    long partitionStart(int number) throws IOException {
        Path start = Path.of("/sys/class/block", name() + "p" + number, "start");
        return Files.exists(start) ? Long.parseLong(Files.readString(start).trim()) * 512 : -1;
    }

    @Override
    public void close() {
        loop.close(); // partitions first (partx -d), then detach
    }
}
