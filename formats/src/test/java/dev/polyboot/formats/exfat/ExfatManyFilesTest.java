package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 1,000 files in nested directories, some deleted and renamed, checked by fsck.exfat and read back by exfat-fuse. */
class ExfatManyFilesTest {
    @TempDir Path tmp;

    static final String[] STEMS = {"Readme", "ÜBER-große Datei", "日本語のファイル", "Ελληνικά", "mixed CASE name",
            "emoji 😀 file", "a", "Ünïcödé ÇÀSÉ"};

    static String name(Random r, int i) {
        String stem = STEMS[r.nextInt(STEMS.length)];
        StringBuilder s = new StringBuilder(stem).append(' ').append(i);
        if (r.nextInt(5) == 0) while (s.length() < 200 + r.nextInt(50)) s.append("-long");
        return s.append(".bin").toString();
    }

    @Test
    void thousandFilesNestedDeleteRenameFsckAndFuse() throws Exception {
        Tools.require("fsck.exfat");
        Path img = ExfatVolumeTest.formatted(tmp.resolve("many.img"), 64L << 20);
        Random r = new Random(42);
        Map<String, byte[]> expected = new TreeMap<>();
        long freeClusters;
        List<String> dirs = new ArrayList<>();
        dirs.add("/");
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK)) {
            for (int i = 0; i < 12; i++) {
                String top = "/Dir " + i + (i % 3 == 0 ? " Ärger" : "");
                v.mkdirs(top + "/Sub A/Deeper");
                dirs.add(top);
                dirs.add(top + "/Sub A");
                dirs.add(top + "/Sub A/Deeper");
            }
            for (int i = 0; i < 1000; i++) {
                // A third of the files land in one directory so that it grows over many clusters.
                String dir = i % 3 == 0 ? "/Dir 1" : dirs.get(r.nextInt(dirs.size()));
                String path = (dir.equals("/") ? "" : dir) + "/" + name(r, i);
                byte[] content = ExfatVolumeTest.bytes(r.nextInt(9000), i);
                v.writeFile(path, new ByteArrayInputStream(content), content.length);
                expected.put(path, content);
            }
            List<String> paths = new ArrayList<>(expected.keySet());
            for (int i = 0; i < paths.size(); i++) {
                String p = paths.get(i);
                if (i % 7 == 0) {
                    v.delete(p);
                    expected.remove(p);
                } else if (i % 5 == 0) {
                    String target = (i % 2 == 0 ? "/Dir 2/Sub A" : p.substring(0, p.lastIndexOf('/'))) + "/Renamed " + i + " ÄÖÜ";
                    if (target.startsWith("//")) target = target.substring(1);
                    v.rename(p, target);
                    expected.put(target, expected.remove(p));
                }
            }
            for (FsEntry e : v.list("/Dir 11/Sub A/Deeper")) {
                v.delete(e.path());
                expected.remove(e.path());
            }
            v.delete("/dir 11/sub a/DEEPER");
            assertThat(v.stat("/Dir 11/Sub A/Deeper")).isEmpty();
            freeClusters = v.freeBytes() / v.clusterSize();
            assertThat(walk(v, "/")).isEqualTo(expected.keySet().stream().sorted().toList());
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertThat(ExfatVolumeTest.readAll(v, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
        if (Tools.find("dump.exfat") != null) {
            assertThat(Tools.run("dump.exfat", img.toString()).assertOk().stdout())
                    .containsPattern("Free Clusters:\\s+" + freeClusters + "\\b");
        }
        FuseExfat.withMount(img, true, tmp.resolve("mnt"), mnt -> {
            Map<String, byte[]> seen = new TreeMap<>();
            try (Stream<Path> s = Files.walk(mnt)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    seen.put("/" + mnt.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
            assertThat(seen.keySet()).isEqualTo(expected.keySet());
            for (String k : expected.keySet()) assertThat(seen.get(k)).as(k).isEqualTo(expected.get(k));
        });
    }

    static List<String> walk(ExfatVolume v, String dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) out.addAll(walk(v, e.path())); else out.add(e.path());
        }
        return out.stream().sorted().toList();
    }
}
