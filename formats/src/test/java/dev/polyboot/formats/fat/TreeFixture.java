package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.Volume;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deterministic tree of directories and files with long, mixed-case and non-ASCII names, plus the
 * deletes and renames the oracle tests apply; remembers what the volume should hold afterwards.
 */
final class TreeFixture {
    /** path → {content seed, size}; directories in {@link #dirs}. */
    final Map<String, long[]> files = new TreeMap<>();
    final TreeSet<String> dirs = new TreeSet<>();
    private final Random rnd;
    private final int clusterSize;

    TreeFixture(long seed, int clusterSize) {
        this.rnd = new Random(seed);
        this.clusterSize = clusterSize;
    }

    static byte[] content(long seed, long size) {
        byte[] b = new byte[(int) size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String name(int i) {
        return switch (i % 9) {
            case 0 -> "Ünïcødé Fïlé ✓ " + i + ".iso";
            case 1 -> "MixedCase Name " + i + ".TXT";
            case 2 -> "readme" + i + ".txt";
            case 3 -> "UPPER" + i + ".BIN";
            case 4 -> "a long file name that goes on and on and on for quite a while number " + i + ".img";
            case 5 -> "x" + i;
            case 6 -> "weird+,;=[]chars " + i + ".dat";
            case 7 -> "multi.dot.name." + i + ".tar.gz";
            default -> "日本語のファイル名 " + i + ".bin";
        };
    }

    private long size(int i) {
        long[] fixed = {0, 1, 511, 512, clusterSize - 1, clusterSize, clusterSize + 1, 3L * clusterSize + 17};
        return i % 3 == 0 ? fixed[(i / 3) % fixed.length] : rnd.nextInt(20_000);
    }

    /** Creates the directories and {@code count} files. */
    void populate(Volume v, int count) throws IOException {
        List<String> dirList = new ArrayList<>();
        dirList.add("/");
        for (int d = 0; d < 8; d++) {
            String top = "/Dir " + d + (d % 2 == 0 ? " Ünï" : "");
            dirList.add(top);
            for (int s = 0; s < 5; s++) dirList.add(top + "/sub" + s);
        }
        dirList.add("/Dir 3/sub2/deep/deeper and deeper");
        dirList.add("/Dir 3/sub2/deep");
        for (String d : dirList) {
            if (d.equals("/")) continue;
            v.mkdirs(d);
            for (String p = d; !p.equals("/"); p = parent(p)) dirs.add(p);
        }
        for (int i = 0; i < count; i++) {
            String dir = i < 40 ? "/" : dirList.get(1 + rnd.nextInt(dirList.size() - 1));
            String path = (dir.equals("/") ? "" : dir) + "/" + name(i);
            long size = size(i);
            long seed = rnd.nextLong();
            v.writeFile(path, new ByteArrayInputStream(content(seed, size)), size);
            files.put(path, new long[] {seed, size});
        }
    }

    /** Deletes every 10th file, renames every 7th (some across directories, some only in case), moves a directory. */
    void churn(Volume v) throws IOException {
        List<String> paths = new ArrayList<>(files.keySet());
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            if (i % 10 == 0) {
                v.delete(p);
                files.remove(p);
            } else if (i % 7 == 0) {
                String to = i % 2 == 0 ? parent(p).replaceAll("/$", "") + "/" + name(p).toUpperCase() + " renamed"
                        : "/Dir 1/sub1/moved " + i + " " + name(p);
                if (to.startsWith("//")) to = to.substring(1);
                v.rename(p, to);
                files.put(to, files.remove(p));
            } else if (i % 13 == 0) {
                String swapped = parent(p).replaceAll("/$", "") + "/" + swapCase(name(p));
                if (!swapped.equals(p)) {
                    v.rename(p, swapped);
                    files.put(swapped, files.remove(p));
                }
            }
        }
        // Names differing only in case are the same name on FAT.
        String some = files.keySet().iterator().next();
        assertThatThrownBy(() -> v.writeFile(swapCase(some), new ByteArrayInputStream(new byte[0]), 0))
                .isInstanceOf(EntryExistsException.class);
        // Move a whole directory somewhere else.
        v.rename("/Dir 3/sub2", "/Dir 4 Ünï/moved sub2");
        remapPrefix("/Dir 3/sub2", "/Dir 4 Ünï/moved sub2");
        v.flush();
    }

    private void remapPrefix(String from, String to) {
        for (String p : new ArrayList<>(files.keySet())) {
            if (p.startsWith(from + "/")) files.put(to + p.substring(from.length()), files.remove(p));
        }
        for (String d : new ArrayList<>(dirs)) {
            if (d.equals(from) || d.startsWith(from + "/")) {
                dirs.remove(d);
                dirs.add(to + d.substring(from.length()));
            }
        }
    }

    static String swapCase(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        return b.toString();
    }

    static String parent(String p) {
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    static String name(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** All paths (directories and files) the volume should show. */
    TreeSet<String> allPaths() {
        TreeSet<String> all = new TreeSet<>(dirs);
        all.addAll(files.keySet());
        return all;
    }

    /** Walks the volume with our reader and checks names, sizes and contents. */
    void verifyWithReader(Volume v) throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        walk(v, "/", seen);
        assertThat(seen).isEqualTo(allPaths());
        for (Map.Entry<String, long[]> f : files.entrySet()) {
            assertThat(read(v, f.getKey())).as(f.getKey()).isEqualTo(content(f.getValue()[0], f.getValue()[1]));
        }
    }

    private static void walk(Volume v, String dir, TreeSet<String> seen) throws IOException {
        for (FsEntry e : v.list(dir)) {
            seen.add(e.path());
            if (e.directory()) walk(v, e.path(), seen);
        }
    }

    static byte[] read(Volume v, String path) throws IOException {
        try (SeekableByteChannel ch = v.open(path)) {
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b) >= 0) { }
            return b.array();
        }
    }
}
