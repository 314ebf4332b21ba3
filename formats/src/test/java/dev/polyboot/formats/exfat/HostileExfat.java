package dev.polyboot.formats.exfat;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small exFAT image file with known files, and the damage another OS's bad unplug or a hostile image does to
 * it: bitmap bits cleared or zeroed, two entry sets sharing clusters, main boot region broken, a directory
 * pointing back at the root. Patches go straight to the image bytes, locating structures with the package's
 * own readers; checksums are repaired so that only the intended damage remains.
 */
public final class HostileExfat {
    static final long SIZE = 8L << 20;
    /** Path → content of the files every image holds. */
    static final Map<String, byte[]> FILES = files();

    private HostileExfat() {}

    private static Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("/a.bin", ExfatVolumeTest.bytes(100_000, 1));
        m.put("/dir/b.bin", ExfatVolumeTest.bytes(50_000, 2));
        m.put("/dir/sub/c.txt", ExfatVolumeTest.bytes(9_000, 3));
        m.put("/dir/sub/d.bin", ExfatVolumeTest.bytes(20_000, 4));
        return m;
    }

    static Path build(Path img) throws IOException {
        ExfatVolumeTest.formatted(img, SIZE);
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK)) {
            v.mkdirs("/dir/sub");
            for (Map.Entry<String, byte[]> e : FILES.entrySet()) {
                v.writeFile(e.getKey(), new ByteArrayInputStream(e.getValue()), e.getValue().length);
            }
        }
        return img;
    }

    /** The structures of an image, read with the package's own code. */
    record Layout(ExfatBootSector boot, ClusterHeap heap, RootEntries root, DirectoryTree tree) {
        static Layout of(BlockDevice d) throws IOException {
            ExfatBootSector boot = ExfatBootRegion.read(d);
            ClusterHeap heap = new ClusterHeap(d, boot);
            RootEntries root = RootEntries.read(heap, Directory.root(heap, boot.rootCluster()));
            return new Layout(boot, heap, root, new DirectoryTree(heap, root.upcase(), boot.rootCluster(), () -> { }));
        }

        long bitmapOffset() {
            return heap.offsetOf(root.bitmapRuns().get(0).first());
        }

        DirectoryTree.Located entry(String path) throws IOException {
            return tree.existing(path);
        }

        long entryOffset(String path) throws IOException {
            DirectoryTree.Located l = entry(path);
            return l.parent().slotOffset(heap, l.item().slot());
        }

        List<ClusterRun> runs(String path) throws IOException {
            DirectoryTree.Located l = entry(path);
            return heap.runs(l.item().set().data(), path, entryOffset(path));
        }
    }

    /** Clears the bitmap bits of every cluster of {@code path}. */
    static void clearBitmapBits(Path img, String path) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            clearBitmapBits(d, path);
        }
    }

    /** {@link #clearBitmapBits(Path, String)} on a volume anywhere (e.g. a stick's data partition slice). */
    public static void clearBitmapBits(BlockDevice d, String path) throws IOException {
        {
            Layout l = Layout.of(d);
            for (ClusterRun r : l.runs(path)) {
                for (long c = r.first(); c < r.end(); c++) {
                    long at = l.bitmapOffset() + (c - 2) / 8;
                    ByteBuffer b = d.read(at, 1);
                    d.write(at, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) & ~(1 << ((c - 2) % 8)))}));
                }
            }
        }
    }

    static void zeroBitmap(Path img) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            zeroBitmap(d);
        }
    }

    public static void zeroBitmap(BlockDevice d) throws IOException {
        {
            Layout l = Layout.of(d);
            d.zero(l.bitmapOffset(), (l.heap().clusterCount + 7) / 8);
        }
    }

    /** Points {@code path}'s stream at another stream's clusters, fixing the set checksum. */
    static void pointAt(Path img, String path, long firstCluster, boolean noFatChain, long length) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            pointAt(d, path, firstCluster, noFatChain, length);
        }
    }

    static void pointAt(BlockDevice d, String path, long firstCluster, boolean noFatChain, long length) throws IOException {
        {
            Layout l = Layout.of(d);
            DirectoryTree.Located loc = l.entry(path);
            FileEntrySet set = loc.item().set().withStream(new DataStream(firstCluster, noFatChain, length, length));
            d.write(l.entryOffset(path), ByteBuffer.wrap(set.encode()));
        }
    }

    /** Makes {@code victim} share {@code owner}'s clusters (same first cluster, same length). */
    static void crossLink(Path img, String victim, String owner) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            crossLink(d, victim, owner);
        }
    }

    public static void crossLink(BlockDevice d, String victim, String owner) throws IOException {
        DataStream o = Layout.of(d).entry(owner).item().set().data();
        pointAt(d, victim, o.firstCluster(), o.noFatChain(), o.dataLength());
    }

    /** Makes the directory {@code path} start at the root directory's cluster: a loop back to the root. */
    static void directoryAtRoot(Path img, String path) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            directoryAtRoot(d, path);
        }
    }

    public static void directoryAtRoot(BlockDevice d, String path) throws IOException {
        Layout l = Layout.of(d);
        long rootCluster = l.boot().rootCluster();
        long rootLength = ClusterHeap.clusters(Directory.root(l.heap(), rootCluster).runs) * l.heap().clusterSize;
        pointAt(d, path, rootCluster, false, rootLength);
    }

    /** Changes one byte of the main boot sector's boot code: the main region's checksum no longer matches. */
    static void damageMainBootSector(Path img) throws IOException {
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            damageMainBootSector(d);
        }
    }

    public static void damageMainBootSector(BlockDevice d) throws IOException {
        {
            ByteBuffer b = d.read(300, 1);
            d.write(300, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x5A)}));
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
