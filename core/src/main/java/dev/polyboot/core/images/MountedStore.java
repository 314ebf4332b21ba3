package dev.polyboot.core.images;

import dev.polyboot.core.boot.DataPartition;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.UncachedBlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The data partition where the OS has it mounted: writing behind a mounted file system's back would corrupt
 * it, so the copy goes through the mount point instead.
 */
final class MountedStore implements DataStore {
    private final Path root;

    private final DataPartition identity;

    /** @param identity the partition's identity, read from the device (the mount point does not tell it) */
    MountedStore(Path mountPoint, DataPartition identity) {
        this.root = mountPoint;
        this.identity = identity;
    }

    Path resolve(String path) {
        List<String> parts = FsPaths.split(path);
        Path p = root;
        for (String s : parts) p = p.resolve(s);
        return p;
    }

    @Override public boolean exists(String path) { return Files.exists(resolve(path)); }
    @Override public long freeBytes() throws IOException { return Files.getFileStore(root).getUsableSpace(); }
    @Override public void mkdirs(String dir) throws IOException { Files.createDirectories(resolve(dir)); }

    @Override
    public void write(String path, InputStream in, long length) throws IOException {
        try (FileChannel out = FileChannel.open(resolve(path), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[1 << 20];
            long done = 0;
            int n;
            while (done < length && (n = in.read(buf, 0, (int) Math.min(buf.length, length - done))) > 0) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) out.write(b);
                done += n;
            }
            if (done != length) throw new IOException("source ended after " + done + " of " + length + " bytes");
            out.force(true);
        }
    }

    @Override
    public InputStream read(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    /** O_DIRECT on the file where the mounted file system allows it (FUSE drivers may not: then a buffered read). */
    @Override
    public InputStream readBack(String path) throws IOException {
        Path p = resolve(path);
        UncachedBlockDevice dev = UncachedBlockDevice.open(p, Files.size(p), 512);
        return new BlockDeviceInputStream(dev);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override public void delete(String path) throws IOException { Files.delete(resolve(path)); }

    @Override
    public void flush() throws IOException {
        try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // fsync on a directory is not supported by every FUSE driver; the files themselves were forced
        }
    }

    @Override public boolean viaMount() { return true; }

    @Override
    public Optional<FsEntry> stat(String path) throws IOException {
        Path p = resolve(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        return Optional.of(entry(FsPaths.split(path).isEmpty() ? "/" : path, p));
    }

    @Override
    public List<FsEntry> list(String dir) throws IOException {
        return list(dir, true);
    }

    /** readdir's order: the exFAT driver (kernel or FUSE) walks the directory on disk, as GRUB does. */
    @Override
    public List<FsEntry> listInDirectoryOrder(String dir) throws IOException {
        return list(dir, false);
    }

    private List<FsEntry> list(String dir, boolean sorted) throws IOException {
        Path d = resolve(dir);
        if (!Files.isDirectory(d)) return List.of();
        List<FsEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : (Iterable<Path>) (sorted ? s.sorted() : s)::iterator) {
                out.add(entry(FsPaths.join(dir, p.getFileName().toString()), p));
            }
        }
        return out;
    }

    private static FsEntry entry(String path, Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return new FsEntry(name, path, a.isDirectory(), a.isDirectory() ? 0 : a.size(),
                LocalDateTime.ofInstant(a.lastModifiedTime().toInstant(), ZoneId.systemDefault()));
    }

    @Override public SeekableByteChannel open(String path) throws IOException { return Files.newByteChannel(resolve(path)); }

    @Override
    public void replace(String from, String to) throws IOException {
        Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override public DataPartition identity() { return identity; }

    /** The OS's exFAT driver places the file; the helper finds it by its path at boot instead. */
    @Override public Optional<List<Extent>> extents(String path) { return Optional.empty(); }

    @Override public void close() {}
}
