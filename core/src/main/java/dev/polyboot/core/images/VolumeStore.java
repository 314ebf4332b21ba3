package dev.polyboot.core.images;

import dev.polyboot.core.boot.DataPartition;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.Volume;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/** The data partition through polyboot's exFAT writer (files land contiguous). */
final class VolumeStore implements DataStore {
    private final BlockDevice device;
    private final Volume volume;
    private final DataPartition identity;
    private final ReadBack readBack;

    /** Reads a file of the same data partition again, past the page cache (a second, uncached open of the stick). */
    @FunctionalInterface
    interface ReadBack {
        InputStream open(String path) throws IOException;
    }

    VolumeStore(BlockDevice device, Volume volume, DataPartition identity, ReadBack readBack) {
        this.device = device;
        this.volume = volume;
        this.identity = identity;
        this.readBack = readBack;
    }

    @Override public boolean exists(String path) throws IOException { return volume.stat(path).isPresent(); }
    @Override public long freeBytes() throws IOException { return volume.freeBytes(); }
    @Override public void mkdirs(String dir) throws IOException { volume.mkdirs(dir); }

    @Override
    public void write(String path, InputStream in, long length) throws IOException {
        volume.writeFile(path, in, length);
        volume.flush();
        device.flush();
    }

    @Override
    public InputStream read(String path) throws IOException {
        return Channels.newInputStream(volume.open(path));
    }

    @Override
    public InputStream readBack(String path) throws IOException {
        return readBack.open(path);
    }

    @Override public void rename(String from, String to) throws IOException { volume.rename(from, to); }
    @Override public void delete(String path) throws IOException { volume.delete(path); }

    @Override
    public void flush() throws IOException {
        volume.flush();
        device.flush();
    }

    @Override public boolean viaMount() { return false; }

    @Override public Optional<FsEntry> stat(String path) throws IOException { return volume.stat(path); }

    @Override
    public List<FsEntry> list(String dir) throws IOException {
        Optional<FsEntry> d = volume.stat(dir);
        return d.isPresent() && d.get().directory() ? volume.list(dir) : List.of();
    }

    @Override public SeekableByteChannel open(String path) throws IOException { return volume.open(path); }

    @Override
    public void replace(String from, String to) throws IOException {
        volume.replace(from, to); // at every crash point 'to' is the old or the new file (formats' Volume.replace)
    }

    @Override public DataPartition identity() { return identity; }

    /** The volume was opened on the partition itself: its device offsets are partition offsets. */
    @Override public Optional<List<Extent>> extents(String path) throws IOException { return Optional.of(volume.extents(path)); }

    @Override
    public void close() throws IOException {
        try {
            volume.close();
        } finally {
            device.close();
        }
    }
}
