package dev.polyboot.core.boot;

import dev.polyboot.formats.NoSuchEntryException;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.Volume;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Just enough of a Volume for MenuScan: directories list in insertion order, like entries appended on disk. */
final class MemoryVolume implements Volume {
    private final Map<String, List<FsEntry>> dirs = new LinkedHashMap<>();
    private static final LocalDateTime T = LocalDateTime.of(2024, 1, 1, 0, 0);

    MemoryVolume() {
        dirs.put("/", new ArrayList<>());
    }

    /** Adds a file (creating parent directories in order); a path ending in '/' adds a directory. */
    MemoryVolume add(String path, long size) {
        boolean dir = path.endsWith("/");
        String p = dir ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        String parent = slash == 0 ? "/" : p.substring(0, slash);
        if (!dirs.containsKey(parent)) add(parent + "/", 0);
        dirs.get(parent).add(new FsEntry(p.substring(slash + 1), p, dir, dir ? 0 : size, T));
        if (dir) dirs.put(p, new ArrayList<>());
        return this;
    }

    @Override public String label() { return "POLYBOOT"; }
    @Override public long totalBytes() { return 0; }
    @Override public long freeBytes() { return 0; }
    @Override public int clusterSize() { return 4096; }
    /** How often each directory was listed, and how many stat calls: the cost MenuScan must keep low. */
    final Map<String, Integer> listed = new LinkedHashMap<>();
    int stats;

    @Override
    public List<FsEntry> list(String dirPath) throws NoSuchEntryException {
        listed.merge(dirPath, 1, Integer::sum);
        return List.copyOf(dir(dirPath));
    }

    /** Case-insensitive, as on exFAT. */
    @Override
    public Optional<FsEntry> stat(String path) {
        stats++;
        int slash = path.lastIndexOf('/');
        try {
            return dir(slash == 0 ? "/" : path.substring(0, slash)).stream()
                    .filter(e -> e.name().equalsIgnoreCase(path.substring(slash + 1))).findFirst();
        } catch (NoSuchEntryException e) {
            return Optional.empty();
        }
    }

    private List<FsEntry> dir(String path) throws NoSuchEntryException {
        for (Map.Entry<String, List<FsEntry>> d : dirs.entrySet()) {
            if (d.getKey().equalsIgnoreCase(path)) return d.getValue();
        }
        throw new NoSuchEntryException("memory directory", path);
    }

    @Override public void mkdirs(String dirPath) { throw new UnsupportedOperationException(); }
    @Override public void writeFile(String path, InputStream in, long length) { throw new UnsupportedOperationException(); }
    @Override public SeekableByteChannel open(String path) { throw new UnsupportedOperationException(); }
    @Override public void delete(String path) { throw new UnsupportedOperationException(); }
    @Override public void rename(String from, String to) { throw new UnsupportedOperationException(); }
    @Override public List<Extent> extents(String path) { throw new UnsupportedOperationException(); }
    @Override public void flush() {}
    @Override public void close() {}
}
