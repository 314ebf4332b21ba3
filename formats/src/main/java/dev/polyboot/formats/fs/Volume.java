package dev.polyboot.formats.fs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

/**
 * A mounted-in-process FAT or exFAT volume. Paths are absolute, '/'-separated; look-ups are
 * case-insensitive as on the real file systems, names keep their case. Changes are on the device
 * when the call returns except for what {@link #flush()} finishes (FSInfo, dirty flags).
 */
public interface Volume extends Closeable {

    String label();

    long totalBytes();

    long freeBytes() throws IOException;

    int clusterSize();

    /** Entries of a directory, without "." and "..". */
    List<FsEntry> list(String dirPath) throws IOException;

    Optional<FsEntry> stat(String path) throws IOException;

    /** Creates the directory and any missing parents; existing directories are fine. */
    void mkdirs(String dirPath) throws IOException;

    /**
     * Writes a new file of exactly {@code length} bytes from {@code in} (parent directories must exist).
     * Fails with {@code EntryExistsException} if the path is taken. Never holds the content in memory.
     * If the stream ends early or fails, the partial file is removed.
     */
    void writeFile(String path, InputStream in, long length) throws IOException;

    /** Read-only seekable view of a file's content. */
    SeekableByteChannel open(String path) throws IOException;

    /** Deletes a file or an empty directory. */
    void delete(String path) throws IOException;

    /**
     * Renames or moves a file or directory; the target must not exist. Names Windows cannot use (ending in a dot
     * or a space) and moving a directory into its own subtree are {@link IllegalArgumentException}s.
     */
    void rename(String from, String to) throws IOException;

    /**
     * Moves the file {@code from} onto the existing file {@code to}, keeping {@code to}'s name. Crash-safe: at
     * every point of the write sequence {@code to} is either the old or the new file, and no two entries share
     * clusters (an interruption leaves at worst lost clusters, which fsck frees). If {@code to} does not exist,
     * this is {@link #rename}. Both must be files.
     */
    default void replace(String from, String to) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no crash-safe replace");
    }

    /** Where the file's bytes lie on the device the volume was opened on, in file order. */
    List<Extent> extents(String path) throws IOException;

    /** Writes back cached metadata (FSInfo free count, volume-dirty flag). */
    void flush() throws IOException;
}
