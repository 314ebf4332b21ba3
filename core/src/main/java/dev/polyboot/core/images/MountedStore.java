package dev.polyboot.core.images;

import dev.polyboot.formats.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    MountedStore(Path mountPoint) {
        this.root = mountPoint;
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

    @Override public void close() {}
}
