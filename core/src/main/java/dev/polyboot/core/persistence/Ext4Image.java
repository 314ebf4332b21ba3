package dev.polyboot.core.persistence;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Makes a persistence file's ext4 file system in a (sparse) host file with Debian's {@code mke2fs}, then writes
 * polyboot's {@link PersistenceHeader} into the bytes before the superblock.
 *
 * <p>Why mke2fs and not a writer of our own: ext4 with a journal, flex_bg, metadata checksums and extents is a
 * large format whose every field the kernel checks; e2fsprogs is what the distributions themselves format with
 * (Priority: required in Debian), and {@code -d} fills it from a directory. Why into a host file and not with
 * {@code -E offset=} into the stick: the stick is ours to write only through our exFAT writer (the file must first be
 * allocated, contiguous, by it), mke2fs would open the device O_EXCL while we hold it, and a failure half-way must
 * not leave anything on the stick. The host file is sparse: mke2fs writes only metadata (inode tables and journal,
 * about 3 % of the size), then the copy writes every byte onto the stick, so the file is fully allocated there.
 * Options: {@code -E nodiscard} (a sparse file needs none; never discard into a stick's page cache),
 * {@code lazy_itable_init=0,lazy_journal_init=0} (otherwise the live system's kernel zeroes the inode tables in the
 * background on every first boot, over USB), {@code -m 0} (no blocks reserved for root on a file system of
 * changes), UUID and hash seed from the caller's random, time from the caller's clock ({@code E2FSPROGS_FAKE_TIME}).
 */
public final class Ext4Image {
    public static final long MIN_BYTES = 32L << 20;
    private static final long TIMEOUT_SECONDS = 600;

    private Ext4Image() {}

    /** What was made: the fingerprint the helper will check and the file system's UUID. */
    public record Made(String fingerprint, UUID uuid, PersistenceHeader header) {}

    public static Made make(Path file, long sizeBytes, PersistenceFamily family, UUID uuid, byte[] id, Clock clock) throws IOException {
        if (sizeBytes < MIN_BYTES || sizeBytes % 4096 != 0) {
            throw new IllegalArgumentException("size " + sizeBytes + ": at least " + MIN_BYTES + " bytes and a multiple of 4096");
        }
        Path root = Files.createTempDirectory("polyboot-persistence-root");
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String d : family.dirs()) {
                Path p = root.resolve(d.substring(1));
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            for (Map.Entry<String, String> f : family.files().entrySet()) {
                Path p = root.resolve(f.getKey().substring(1));
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(0);
                raf.setLength(sizeBytes);
            }
            List<String> cmd = new ArrayList<>(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-m", "0",
                    "-L", family.label(), "-U", uuid.toString(),
                    "-E", "nodiscard,lazy_itable_init=0,lazy_journal_init=0,root_owner=0:0,hash_seed=" + uuid,
                    "-d", root.toString(), file.toString(), Long.toString(sizeBytes / 1024) + "k"));
            run(cmd, clock);
        } finally {
            deleteTree(root);
        }
        PersistenceHeader h = new PersistenceHeader(PersistenceHeader.VERSION, id, sizeBytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] before = PersistenceFingerprint.read(ch, 0, PersistenceHeader.OFFSET);
            for (byte b : before) {
                if (b != 0) throw new IOException("mke2fs left data before byte " + PersistenceHeader.OFFSET + " of " + file);
            }
            ch.write(ByteBuffer.wrap(h.encode()), PersistenceHeader.OFFSET);
            ch.force(true);
            byte[] u = PersistenceFingerprint.read(ch, PersistenceFingerprint.EXT4_UUID_OFFSET, 16);
            ByteBuffer ub = ByteBuffer.wrap(u);
            UUID got = new UUID(ub.getLong(), ub.getLong());
            if (!got.equals(uuid)) throw new IOException("mke2fs wrote UUID " + got + ", not " + uuid);
            return new Made(PersistenceFingerprint.of(ch), got, h);
        }
    }

    private static void run(List<String> cmd, Clock clock) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("E2FSPROGS_FAKE_TIME", Long.toString(clock.instant().getEpochSecond()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("mke2fs could not be started (" + e.getMessage() + "); install it: apt-get install e2fsprogs", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mke2fs did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mke2fs ran", e);
        }
        if (p.exitValue() != 0) {
            String text = new String(out, StandardCharsets.UTF_8).strip().replace('\n', ' ');
            throw new IOException("mke2fs failed (exit " + p.exitValue() + "): " + text + "; the command was: " + String.join(" ", cmd));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) deleteTree(c);
            }
        }
        Files.deleteIfExists(p);
    }
}
