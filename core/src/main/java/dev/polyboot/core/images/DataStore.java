package dev.polyboot.core.images;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

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

    void rename(String from, String to) throws IOException;

    void delete(String path) throws IOException;

    /** Finishes metadata (exFAT: bitmap and dirty flag; mount: fsync). */
    void flush() throws IOException;

    boolean viaMount();
}
