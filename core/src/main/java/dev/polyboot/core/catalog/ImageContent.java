package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The file tree of a CD/DVD image as the classifier needs it. Paths are absolute, '/'-separated, and are
 * returned exactly as GRUB's iso9660 driver will see them (Rock Ridge, else Joliet, else plain names), because
 * GRUB compares them case-sensitively on Rock Ridge and Joliet images.
 */
public interface ImageContent {
    /** The primary volume descriptor's volume identifier, trimmed; empty if blank. */
    Optional<String> volumeId();

    /** The exact path of the file or directory matching {@code path} case-insensitively, if any. */
    Optional<String> find(String path) throws IOException;

    /** Names in a directory (empty when it does not exist). */
    List<String> list(String dir) throws IOException;

    /** Up to {@code max} bytes of a file, or empty when it does not exist or is a directory. */
    Optional<byte[]> read(String path, int max) throws IOException;

    /** A file's whole content as a stream (the caller closes it), or empty when it does not exist or is a directory. */
    Optional<java.io.InputStream> open(String path) throws IOException;

    /** The platforms of the El Torito boot catalog's entries (empty without one). */
    Set<BootMode> elTorito() throws IOException;

    default boolean exists(String path) throws IOException {
        return find(path).isPresent();
    }

    /** A file's start as text (UTF-8, invalid bytes replaced), or empty. */
    default Optional<String> text(String path, int max) throws IOException {
        Optional<byte[]> b = read(path, max);
        return b.map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
}
