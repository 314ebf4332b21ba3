package dev.polyboot.core.crash;

import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.PlannedPartition;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.formats.exfat.ExfatCheck;
import dev.polyboot.formats.exfat.ExfatCheckReport;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The independent checks of one stick state held in memory: fsck.exfat -n on the data partition, fsck.fat -n on the
 * boot partition (each written out as a sparse file of its own, so no loop device is needed), sgdisk -v on GPT
 * sticks, plus our own ExfatCheck; and the SHA-256 of every file on the data partition.
 */
final class CrashOracles {
    private static final byte[] ZEROS = new byte[64 * 1024];
    private final Path dir;

    CrashOracles(Path dir) {
        this.dir = dir;
    }

    /** Empty when every oracle passes, else what failed (tool, exit code, first lines of its output). */
    List<String> fsck(byte[] img, StickLayout layout) throws IOException {
        Tools.require("fsck.exfat");
        Tools.require("fsck.fat");
        List<String> problems = new ArrayList<>();
        PlannedPartition data = layout.data();
        PlannedPartition boot = layout.boot();
        Path d = sparse(img, data.startBytes(), data.sizeBytes(), "data.part");
        run(problems, "fsck.exfat", "-n", d.toString());
        Path b = sparse(img, boot.startBytes(), boot.sizeBytes(), "boot.part");
        run(problems, "fsck.fat", "-n", b.toString());
        if (layout.style() == PartitionStyle.GPT) {
            Tools.require("sgdisk");
            Path whole = sparse(img, 0, img.length, "disk.img");
            Tools.Result r = Tools.run("sgdisk", "-v", whole.toString());
            if (r.exitCode() != 0 || !r.stdout().contains("No problems found")) problems.add("sgdisk -v: " + head(r.stdout() + r.stderr()));
        }
        try {
            ExfatCheckReport rep = ExfatCheck.check(slice(img, data));
            if (!rep.errors().isEmpty()) problems.add("ExfatCheck: " + rep.errors());
        } catch (IOException e) {
            problems.add("ExfatCheck: " + e);
        }
        return problems;
    }

    /**
     * True when every problem is fsck.fat reporting only clusters in use that nothing references and/or FAT copies
     * that differ in a sector while both are intact: what a cut between a file's FAT chain and its directory entry
     * (or between the two FAT copies) leaves. Space is lost, nothing is damaged; update's next run reclaims it.
     */
    static boolean onlyLostClusters(List<String> problems) {
        if (problems.isEmpty()) return false;
        for (String p : problems) {
            if (!p.startsWith("fsck.fat")) return false;
            for (String line : p.substring(p.indexOf(':') + 1).split("\\|")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("fsck.fat 4") || l.startsWith("FATs differ but appear to be intact")
                        || l.startsWith("Using first FAT") || l.matches("Reclaimed \\d+ unused clusters? \\(\\d+ bytes\\)\\.")
                        || l.startsWith("Leaving filesystem unchanged") || l.matches(".*: \\d+ files, \\d+/\\d+ clusters")
                        || l.startsWith("-n exit 1")) {
                    continue;
                }
                return false;
            }
        }
        return true;
    }

    private static void run(List<String> problems, String... cmd) {
        Tools.Result r = Tools.run(cmd);
        if (r.exitCode() != 0) problems.add(cmd[0] + " -n exit " + r.exitCode() + ": " + head(r.stdout() + r.stderr()));
    }

    static String head(String s) {
        String t = s.strip().replace('\n', '|');
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }

    /** The byte range written to a fresh sparse file (all-zero 64 KiB blocks are left as holes). */
    Path sparse(byte[] img, long start, long length, String name) throws IOException {
        Path f = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(0);
            raf.setLength(length);
            FileChannel ch = raf.getChannel();
            for (long off = 0; off < length; off += ZEROS.length) {
                int n = (int) Math.min(ZEROS.length, length - off);
                int at = Math.toIntExact(start + off);
                if (Arrays.mismatch(img, at, at + n, ZEROS, 0, n) < 0) continue;
                ch.write(ByteBuffer.wrap(img, at, n), off);
            }
        }
        return f;
    }

    static SliceBlockDevice slice(byte[] img, PlannedPartition p) {
        return new SliceBlockDevice(new MemoryBlockDevice(img, 512, true), p.startBytes(), p.sizeBytes());
    }

    /** path → SHA-256 of every file on the data partition (directories left out), or an exception's text under "!". */
    static Map<String, String> dataFiles(byte[] img, StickLayout layout) {
        Map<String, String> out = new TreeMap<>();
        try (ExfatVolume v = ExfatVolume.open(slice(img, layout.data()), TestSticks.CLOCK)) {
            walk(v, "/", out);
        } catch (Exception e) {
            out.put("!", e.toString());
        }
        return out;
    }

    private static void walk(ExfatVolume v, String dir, Map<String, String> out) throws Exception {
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) walk(v, e.path(), out);
            else out.put(e.path(), TestSticks.sha256(Channels.newInputStream(v.open(e.path()))));
        }
    }
}
