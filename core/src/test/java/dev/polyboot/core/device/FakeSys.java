package dev.polyboot.core.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a miniature /sys (devices, class/block and dev/block links) in a temp dir. */
final class FakeSys {
    final Path root;

    FakeSys(Path root) {
        this.root = root;
    }

    Path disk(String name, String majMin, boolean removable, String model) {
        Path dir = root.resolve("devices/fake/block").resolve(name);
        write(dir.resolve("dev"), majMin);
        write(dir.resolve("size"), "16777216");
        write(dir.resolve("removable"), removable ? "1" : "0");
        write(dir.resolve("queue/logical_block_size"), "512");
        write(dir.resolve("device/model"), model);
        write(dir.resolve("device/vendor"), "ACME");
        link(name, majMin, dir);
        return dir;
    }

    Path partition(String disk, String name, int number, String majMin) {
        Path dir = root.resolve("devices/fake/block").resolve(disk).resolve(name);
        write(dir.resolve("dev"), majMin);
        write(dir.resolve("size"), "2048");
        write(dir.resolve("partition"), String.valueOf(number));
        link(name, majMin, dir);
        return dir;
    }

    /** A device-mapper device built on {@code slaves}, recorded in both directions as the kernel does. */
    Path mapper(String name, String majMin, String... slaves) {
        Path dir = root.resolve("devices/virtual/block").resolve(name);
        write(dir.resolve("dev"), majMin);
        write(dir.resolve("size"), "1024");
        write(dir.resolve("removable"), "0");
        try {
            Files.createDirectories(dir.resolve("slaves"));
            for (String s : slaves) {
                Path slaveDir = root.resolve("class/block").resolve(s).toRealPath();
                Files.createSymbolicLink(dir.resolve("slaves").resolve(s), slaveDir);
                Files.createDirectories(slaveDir.resolve("holders"));
                Files.createSymbolicLink(slaveDir.resolve("holders").resolve(name), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        link(name, majMin, dir);
        return dir;
    }

    Path loop(String name, String majMin, Path backing) {
        Path dir = root.resolve("devices/virtual/block").resolve(name);
        write(dir.resolve("dev"), majMin);
        write(dir.resolve("size"), "2097152");
        write(dir.resolve("removable"), "0");
        write(dir.resolve("queue/logical_block_size"), "512");
        write(dir.resolve("loop/backing_file"), backing.toString() + "\n");
        link(name, majMin, dir);
        return dir;
    }

    private void link(String name, String majMin, Path dir) {
        try {
            Files.createDirectories(root.resolve("class/block"));
            Files.createDirectories(root.resolve("dev/block"));
            Files.createSymbolicLink(root.resolve("class/block").resolve(name), dir);
            Files.createSymbolicLink(root.resolve("dev/block").resolve(majMin), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path f, String s) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, s + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
