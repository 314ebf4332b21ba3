package dev.polyboot.web;

import dev.polyboot.core.api.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Upload names, and a file uploaded to be inspected: core's {@code inspect} reads a file of this computer at random
 * offsets (ISO 9660, El Torito, partition tables), so the body is streamed, 1 MiB at a time, into a file of its own
 * in a new private directory (0700) of the upload directory, never held in memory; all-zero chunks are skipped (the
 * file stays sparse). Images added to a stick do not come here: they go straight into core's add from a stream.
 */
final class Uploads {
    static final int CHUNK = 1 << 20;
    private static final byte[] ZEROS = new byte[CHUNK];

    private Uploads() {}

    /** The upload's name must be a plain file name: no directory part, no way out of the upload directory. */
    static String checkName(String name) {
        if (name == null || name.isBlank()) throw new WebException(400, "the upload has no file name", "pick a file");
        boolean bad = name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..") || name.length() > 255
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (bad) {
            throw new WebException(400, "refused: upload name '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a plain file name (no / or \\, not . or .., no control characters, at most 255 characters)",
                    "rename the file; choose the folder on the stick with 'to folder'", "refused");
        }
        return name;
    }

    /** Receives exactly {@code length} bytes into {@code root/polyboot-upload-*}/NAME; returns the file. */
    static Path receive(InputStream body, Path root, String name, long length, ProgressListener progress) throws IOException {
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, "polyboot-upload-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve(checkName(name));
        if (!file.getParent().equals(dir)) throw new IllegalStateException("upload path left its directory: " + file);
        String phase = "receiving " + name;
        byte[] buf = new byte[CHUNK];
        long received = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            progress.phase(phase, length);
            while (received < length) {
                int want = (int) Math.min(CHUNK, length - received);
                int n = body.readNBytes(buf, 0, want);
                if (n <= 0) break;
                if (Arrays.mismatch(buf, 0, n, ZEROS, 0, n) != -1) {
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    long at = received;
                    while (b.hasRemaining()) at += out.write(b, at);
                }
                received += n;
                progress.progress(phase, received, length);
            }
            if (received == length && length > 0 && out.size() < length) out.write(ByteBuffer.wrap(new byte[1]), length - 1);
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e;
        }
        if (received < length) {
            delete(file);
            throw new IOException("upload of " + name + " cut short after " + received + " of " + length
                    + " bytes (the page was closed or reloaded while it was sending)");
        }
        return file;
    }

    /** Deletes the upload's file and its private directory. */
    static void delete(Path file) {
        Path dir = file.getParent();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a left-over upload directory is only disk space in the temporary directory
        }
    }
}
