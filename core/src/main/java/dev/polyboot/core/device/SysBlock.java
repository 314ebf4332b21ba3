package dev.polyboot.core.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads /sys/class/block and /sys/dev/block: names, partitions and their disks, and the "slaves" links that
 * device-mapper (LVM, LUKS) and md use to say which devices they are built on. The root is injectable so
 * tests can build a fake tree.
 */
public final class SysBlock {
    private final Path sys;

    public SysBlock(Path sysRoot) {
        this.sys = sysRoot;
    }

    public static SysBlock system() {
        return new SysBlock(Path.of("/sys"));
    }

    public Optional<BlockNode> byName(String name) throws IOException {
        if (name.isEmpty() || name.contains("/")) return Optional.empty();
        Path link = sys.resolve("class/block").resolve(name);
        return Files.exists(link) ? Optional.of(describe(link.toRealPath())) : Optional.empty();
    }

    public Optional<BlockNode> byMajorMinor(String majorMinor) throws IOException {
        if (!majorMinor.matches("\\d+:\\d+")) return Optional.empty();
        Path link = sys.resolve("dev/block").resolve(majorMinor);
        return Files.exists(link) ? Optional.of(describe(link.toRealPath())) : Optional.empty();
    }

    /** Partitions of a whole disk (entries of its directory that have a "partition" file). */
    public List<BlockNode> partitionsOf(BlockNode disk) throws IOException {
        List<BlockNode> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(disk.sysDir())) {
            for (Path p : ds) {
                if (Files.isRegularFile(p.resolve("partition"))) out.add(describe(p));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Whole disks that the device is made of: itself, its parent disk, and through "slaves" recursively. */
    public Set<String> wholeDisksUnder(BlockNode node) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        collect(node, out, new LinkedHashSet<>(), 0);
        return out;
    }

    private void collect(BlockNode node, Set<String> out, Set<String> seen, int depth) throws IOException {
        if (depth > 32 || !seen.add(node.name())) return; // sysfs cannot loop, but a fake tree might
        if (node.partition()) {
            Optional<BlockNode> parent = byName(node.parent());
            if (parent.isPresent()) collect(parent.get(), out, seen, depth + 1);
            return;
        }
        List<String> slaves = children(node.sysDir().resolve("slaves"));
        if (slaves.isEmpty()) {
            out.add(node.name());
            return;
        }
        for (String s : slaves) {
            Optional<BlockNode> n = byName(s);
            if (n.isPresent()) collect(n.get(), out, seen, depth + 1);
        }
    }

    /** Devices built on top of this one (device-mapper, md), e.g. "dm-0" for an LVM physical volume. */
    public List<String> holders(BlockNode node) throws IOException {
        return children(node.sysDir().resolve("holders"));
    }

    /** For a loop device, the file it is backed by. */
    public Optional<Path> loopBackingFile(BlockNode node) throws IOException {
        Path f = node.sysDir().resolve("loop/backing_file");
        if (!Files.isRegularFile(f)) return Optional.empty();
        String s = Files.readString(f).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
    }

    /** Loop devices currently backed by {@code file}. */
    public List<BlockNode> loopsBacking(Path file) throws IOException {
        List<BlockNode> out = new ArrayList<>();
        Path real = file.toAbsolutePath().normalize();
        try {
            real = file.toRealPath();
        } catch (IOException ignored) {
            // a file that does not exist yet is backing nothing
            return out;
        }
        for (String name : children(sys.resolve("class/block"))) {
            if (!name.startsWith("loop")) continue;
            Optional<BlockNode> n = byName(name);
            if (n.isEmpty() || n.get().partition()) continue;
            Optional<Path> b = loopBackingFile(n.get());
            if (b.isPresent() && (b.get().toString().replace(" (deleted)", "").equals(real.toString()) || sameFile(b.get(), real))) {
                out.add(n.get());
            }
        }
        return out;
    }

    /** By device and inode: the kernel names the backing file by the path it was opened with (a hard link, a bind mount). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.getAttribute(a, "unix:dev").equals(Files.getAttribute(b, "unix:dev"))
                    && Files.getAttribute(a, "unix:ino").equals(Files.getAttribute(b, "unix:ino"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The byte range of its backing file a loop device shows (losetup -o / --sizelimit; sizeLimit 0 = to the end). */
    public record LoopRange(long offset, long sizeLimit) {}

    public LoopRange loopRange(BlockNode loop) {
        Path d = loop.sysDir().resolve("loop");
        return new LoopRange(parseLong(read(d.resolve("offset"), "0")), parseLong(read(d.resolve("sizelimit"), "0")));
    }

    private BlockNode describe(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        String majMin = read(dir.resolve("dev"), "");
        boolean partition = Files.isRegularFile(dir.resolve("partition"));
        int number = partition ? (int) parseLong(read(dir.resolve("partition"), "0")) : 0;
        String parent = partition ? dir.getParent().getFileName().toString() : null;
        Path disk = partition ? dir.getParent() : dir;
        long sectors512 = parseLong(read(dir.resolve("size"), "0"));
        int sectorSize = (int) parseLong(read(disk.resolve("queue/logical_block_size"), "512"));
        boolean removable = "1".equals(read(disk.resolve("removable"), "0"));
        String model = (read(disk.resolve("device/vendor"), "") + " " + read(disk.resolve("device/model"), "")).trim();
        return new BlockNode(name, majMin, dir, partition, number, parent, sectors512 * 512, sectorSize, removable, model);
    }

    private static List<String> children(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) out.add(p.getFileName().toString());
        }
        out.sort(null);
        return out;
    }

    private static String read(Path f, String fallback) {
        try {
            return Files.isRegularFile(f) ? Files.readString(f).trim() : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
