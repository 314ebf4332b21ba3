package dev.polyboot.core.device;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.mbr.MbrPartition;
import dev.polyboot.formats.part.DiskPartitions;
import dev.polyboot.formats.part.PartitionInfo;
import dev.polyboot.formats.part.PartitionTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes the kernel show the partitions that are now on a disk, after install or update wrote its table, so that
 * /dev/sdX1 and /dev/sdX2 are the new partitions without replugging the stick.
 *
 * <p>First BLKRRPART, the kernel re-reading the table itself. It fails while any partition is open (EBUSY), on a
 * device that cannot be partitioned by the kernel (a loop device without {@code losetup -P}: EINVAL), and it
 * "succeeds" without partitions on a kernel built without the table's parser. So the result is checked against the
 * table read back from the disk (sysfs {@code start} and {@code size} of each partition), and when they differ
 * {@code partx --update} (util-linux) tells the kernel partition by partition with BLKPG, as it does for any disk.
 */
public final class PartitionTableReload {
    private static final long PARTX_TIMEOUT_SECONDS = 60;

    private PartitionTableReload() {}

    /** How the kernel was told. NONE: neither way worked; {@link Result#notes()} say why. */
    public enum Method { BLKRRPART, PARTX, NONE }

    /** A partition as the kernel shows it (sysfs counts 512-byte units whatever the sector size). */
    public record KernelPartition(int number, long startBytes, long sizeBytes) {}

    /**
     * @param method       how the kernel was told (the last way that ran without error)
     * @param matchesTable the kernel's partitions are the ones in the table on the disk (false also when the table
     *                     could not be read)
     * @param partitions   the kernel's partitions afterwards, by number
     * @param notes        what did not work, for a warning (empty when the first way worked)
     */
    public record Result(Method method, boolean matchesTable, List<KernelPartition> partitions, List<String> notes) {
        public Result {
            partitions = List.copyOf(partitions);
            notes = List.copyOf(notes);
        }
    }

    /** For a disk nobody holds: BLKRRPART through a plain descriptor, then partx. */
    public static Result reload(Target.Device disk) throws IOException {
        return reload(disk, null);
    }

    /**
     * For a disk this process holds with {@code claim}: BLKRRPART has to come through the claiming descriptor (the
     * kernel claims the disk for the re-read and refuses a second holder), so the new partitions appear before the
     * claim is released.
     */
    public static Result reload(ExclusiveClaim claim) throws IOException {
        return reload(claim.device(), claim);
    }

    private static Result reload(Target.Device disk, ExclusiveClaim claim) throws IOException {
        if (disk.node().partition()) throw new IllegalArgumentException(disk.path() + " is a partition, not a disk");
        List<String> notes = new ArrayList<>();
        Optional<List<KernelPartition>> expected = tableOnDisk(disk, notes);
        Method method = Method.NONE;
        try {
            blkrrpart(disk, claim);
            List<KernelPartition> now = kernelPartitions(disk.node());
            if (expected.isPresent() && matches(expected.get(), now)) return new Result(Method.BLKRRPART, true, now, notes);
            method = Method.BLKRRPART;
            if (expected.isPresent()) {
                notes.add("the kernel re-read the partition table but shows " + now.size() + " of its " + expected.get().size()
                        + " partitions (no parser for this table in this kernel?)");
            }
        } catch (Libc.ErrnoException e) {
            notes.add("BLKRRPART " + Libc.describe(e.errno()) + (e.errno() == Libc.EBUSY ? ": a partition is in use" : ""));
        }
        // partx --update leaves the kernel's partitions alone when the table has none: --delete removes them
        boolean emptyTable = expected.isPresent() && expected.get().isEmpty();
        if (emptyTable && kernelPartitions(disk.node()).isEmpty() || partx(disk, emptyTable ? "--delete" : "--update", notes)) {
            method = Method.PARTX;
        }
        List<KernelPartition> now = kernelPartitions(disk.node());
        boolean matches = expected.isPresent() && matches(expected.get(), now);
        if (!matches && expected.isPresent()) notes.add("the kernel shows " + describe(now) + ", the disk holds " + describe(expected.get()));
        return new Result(method, matches, now, notes);
    }

    private static void blkrrpart(Target.Device disk, ExclusiveClaim claim) throws IOException {
        if (claim != null) {
            Libc.ioctl(claim.fd(), Libc.BLKRRPART, "BLKRRPART " + disk.path());
            return;
        }
        int fd = Libc.open(disk.path().toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            Libc.ioctl(fd, Libc.BLKRRPART, "BLKRRPART " + disk.path());
        } finally {
            Libc.close(fd);
        }
    }

    /** partx --update adds, resizes and deletes partitions with BLKPG to make the kernel's list match the table. */
    private static boolean partx(Target.Device disk, String action, List<String> notes) throws IOException {
        String what = "partx " + action + " " + disk.path();
        Process p;
        try {
            p = new ProcessBuilder(List.of("partx", action, disk.path().toString())).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            notes.add("partx (util-linux) could not be run: " + e.getMessage());
            return false;
        }
        String out;
        try (InputStream in = p.getInputStream()) {
            out = readCapped(in);
            if (!p.waitFor(PARTX_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                notes.add(what + " did not finish in " + PARTX_TIMEOUT_SECONDS + " s");
                return false;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what + " ran", e);
        }
        if (p.exitValue() != 0) {
            notes.add(what + " exited with " + p.exitValue() + (out.isBlank() ? "" : ": " + out.strip()));
            return false;
        }
        return true;
    }

    private static String readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) >= 0; ) {
            if (b.size() < 4096) b.write(buf, 0, Math.min(n, 4096 - b.size())); // keep draining so partx never blocks
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** What the kernel should show: the table read back through the page cache the writer used. Empty if unreadable. */
    private static Optional<List<KernelPartition>> tableOnDisk(Target.Device disk, List<String> notes) {
        try (BlockDevice dev = TargetResolver.open(disk, true)) {
            DiskPartitions parts = PartitionTables.read(dev);
            List<KernelPartition> out = new ArrayList<>();
            for (PartitionInfo p : parts.partitions()) out.add(new KernelPartition(p.number(), p.startByte(), extendedAware(p)));
            return Optional.of(out);
        } catch (IOException e) {
            notes.add("the partition table of " + disk.path() + " could not be read back: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Linux shows an MBR extended partition as a 1 KiB stub (the EBR chain is its business): its size is not compared. */
    private static long extendedAware(PartitionInfo p) {
        return isExtended(p.mbrType()) ? -1 : p.sizeBytes();
    }

    private static boolean isExtended(int mbrType) {
        return mbrType == MbrPartition.TYPE_EXTENDED_CHS || mbrType == MbrPartition.TYPE_EXTENDED_LBA
                || mbrType == MbrPartition.TYPE_LINUX_EXTENDED;
    }

    private static boolean matches(List<KernelPartition> expected, List<KernelPartition> now) {
        if (expected.size() != now.size()) return false;
        List<KernelPartition> e = sorted(expected);
        for (int i = 0; i < e.size(); i++) {
            KernelPartition a = e.get(i);
            KernelPartition b = now.get(i);
            if (a.number() != b.number() || a.startBytes() != b.startBytes() || a.sizeBytes() >= 0 && a.sizeBytes() != b.sizeBytes()) {
                return false;
            }
        }
        return true;
    }

    private static List<KernelPartition> sorted(List<KernelPartition> l) {
        return l.stream().sorted(Comparator.comparingInt(KernelPartition::number)).toList();
    }

    private static String describe(List<KernelPartition> l) {
        if (l.isEmpty()) return "no partitions";
        StringBuilder b = new StringBuilder();
        for (KernelPartition p : sorted(l)) {
            if (b.length() > 0) b.append(", ");
            b.append(p.number()).append(" at byte ").append(p.startBytes());
            if (p.sizeBytes() >= 0) b.append(" (").append(p.sizeBytes()).append(" bytes)");
        }
        return b.toString();
    }

    /** The partitions sysfs lists under the disk's directory, by number. */
    static List<KernelPartition> kernelPartitions(BlockNode disk) throws IOException {
        List<KernelPartition> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(disk.sysDir())) {
            for (Path d : ds) {
                Path number = d.resolve("partition");
                if (!Files.isRegularFile(number)) continue;
                try {
                    out.add(new KernelPartition(Integer.parseInt(Files.readString(number).trim()),
                            Long.parseLong(Files.readString(d.resolve("start")).trim()) * 512,
                            Long.parseLong(Files.readString(d.resolve("size")).trim()) * 512));
                } catch (java.nio.file.NoSuchFileException | NumberFormatException e) {
                    // a partition deleted while we listed
                }
            }
        }
        return sorted(out);
    }
}
