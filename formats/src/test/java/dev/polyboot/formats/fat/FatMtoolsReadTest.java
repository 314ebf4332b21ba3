package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Volumes made by mkfs.fat and filled by mtools are listed (in on-disk order) and read identically by us. */
class FatMtoolsReadTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} MiB FAT{1}")
    @CsvSource({"16, 12", "64, 16", "600, 32"})
    void readsWhatMtoolsWrote(long mib, int bits) throws IOException {
        Path host = tmp.resolve("tree");
        Map<String, byte[]> expected = new TreeMap<>();
        List<String> dirs = new ArrayList<>();
        String[] names = {"Ünïcødé Fïlé ✓.iso", "MixedCase Name.TXT", "lower.txt", "UPPER.TXT", "日本語のファイル.bin",
            "a name that is much longer than eight point three characters and then some more.dat", "empty",
            "dots.in.the.name.tar.gz", "x"};
        int k = 0;
        for (String dir : List.of("", "Sub Dir", "Sub Dir/Nested Ünï", "Sub Dir/Nested Ünï/deepest")) {
            Path d = host.resolve(dir);
            Files.createDirectories(d);
            if (!dir.isEmpty()) dirs.add("/tree/" + dir);
            for (String n : names) {
                byte[] content = TreeFixture.content(k, n.equals("empty") ? 0 : (k * 7919L) % 150_000);
                Files.write(d.resolve(n), content);
                expected.put("/tree/" + (dir.isEmpty() ? "" : dir + "/") + n, content);
                k++;
            }
        }
        Path many = host.resolve("many");
        Files.createDirectories(many);
        dirs.add("/tree/many");
        for (int i = 0; i < 300; i++) {
            byte[] c = TreeFixture.content(1000 + i, i);
            Files.write(many.resolve("File number " + i + " with a long name.txt"), c);
            expected.put("/tree/many/File number " + i + " with a long name.txt", c);
        }

        Path img = tmp.resolve("fat.img");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), (mib << 20) - 1);
        }
        assertThat(FatOracles.run("mkfs.fat", "-F", "" + bits, "-n", "MTOOLS", img.toString()).exit()).isZero();
        FatOracles.Out cp = FatOracles.run("mcopy", "-s", "-i", img.toString(), host.toString(), "::/");
        assertThat(cp.exit()).as(cp.stderr()).isZero();

        try (FileBlockDevice dev = FileBlockDevice.open(img, true); FatVolume v = FatVolume.open(dev, FatOracleTest.CLOCK)) {
            assertThat(v.fatBits()).isEqualTo(bits);
            assertThat(v.label()).isEqualTo("MTOOLS");
            Map<String, byte[]> seen = new TreeMap<>();
            List<String> seenDirs = new ArrayList<>();
            walk(v, "/", seen, seenDirs);
            assertThat(seenDirs).containsExactlyInAnyOrderElementsOf(withTree(dirs));
            assertThat(seen.keySet()).isEqualTo(expected.keySet());
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertThat(seen.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            // On-disk order, as mtools lists it.
            for (String d : Stream.concat(Stream.of("/tree"), dirs.stream()).toList()) {
                List<String> ours = v.list(d).stream().map(FsEntry::name).toList();
                List<String> theirs = FatOracles.mtoolsPaths(img, d).stream().map(TreeFixture::name).toList();
                assertThat(ours).as("order in " + d).isEqualTo(theirs);
            }
            assertThat(v.freeBytes()).isEqualTo(mtoolsFreeBytes(img));
        }
    }

    private static List<String> withTree(List<String> dirs) {
        List<String> all = new ArrayList<>(dirs);
        all.add("/tree");
        return all;
    }

    private static long mtoolsFreeBytes(Path img) {
        FatOracles.Out dir = FatOracles.run("mdir", "-i", img.toString(), "::/");
        String last = dir.text().strip().lines().reduce((a, b) -> b).orElseThrow();
        return Long.parseLong(last.replaceAll("[^0-9]", ""));
    }

    private static void walk(FatVolume v, String dir, Map<String, byte[]> files, List<String> dirs) throws IOException {
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) {
                dirs.add(e.path());
                walk(v, e.path(), files, dirs);
            } else {
                files.put(e.path(), TreeFixture.read(v, e.path()));
                assertThat(e.size()).isEqualTo(files.get(e.path()).length);
            }
        }
    }
}
