package dev.polyboot.core.images;

import dev.polyboot.core.boot.DataPartition;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.fs.FsEntry;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/**
 * The data partition as {@code add} and {@code remove} need it: either polyboot's own exFAT writer on the
 * device, or the directory where the OS has the partition mounted. Paths are absolute on the partition.
 */
interface DataStore extends Closeable {
    boolean exists(String path) throws IOException;

    long freeBytes() throws IOException;

    void mkdirs(String dir) throws IOException;

    /** Writes exactly {@code length} bytes and makes them durable. */
    void write(String path, InputStream in, long length) throws IOException;

    InputStream read(String path) throws IOException;

    /**
     * The file's bytes as the stick holds them, bypassing the page cache (O_DIRECT) where the route allows it: what
     * {@code add} hashes after copying. A buffered read-back returns what was just written even from a stick that
     * dropped it.
     */
    InputStream readBack(String path) throws IOException;

    void rename(String from, String to) throws IOException;

    void delete(String path) throws IOException;

    /** Finishes metadata (exFAT: bitmap and dirty flag; mount: fsync). */
    void flush() throws IOException;

    boolean viaMount();

    /** The entry at {@code path}, if any. */
    Optional<FsEntry> stat(String path) throws IOException;

    /** A directory's entries (empty when it does not exist). */
    List<FsEntry> list(String dir) throws IOException;

    /** As {@link #list}, in the order the file system gives them (the boot menu's scan order), not sorted. */
    default List<FsEntry> listInDirectoryOrder(String dir) throws IOException {
        return list(dir);
    }

    /** Random read access to a file (the classifier reads headers and a few small files of an image). */
    SeekableByteChannel open(String path) throws IOException;

    /**
     * Moves {@code from} onto {@code to}, replacing it, so that a crash at any point leaves {@code to} either the old
     * or the new file: rename(2) through a mount point; on the exFAT writer {@code to}'s entry is rewritten in place.
     */
    void replace(String from, String to) throws IOException;

    /** Who the data partition is: file-system UUID as Linux shows it ("1234-ABCD" for exFAT), PARTUUID, size. */
    DataPartition identity();

    /**
     * Where a file's bytes lie, as byte ranges of the data partition in file order; empty when this store cannot
     * tell (through a mount point).
     */
    Optional<List<Extent>> extents(String path) throws IOException;
}
