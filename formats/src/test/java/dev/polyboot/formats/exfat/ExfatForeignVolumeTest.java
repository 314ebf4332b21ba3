package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volumes made by mkfs.exfat and filled through exfat-fuse are listed and read as those tools see them. */
class ExfatForeignVolumeTest {
    @TempDir Path tmp;

    @Test
    void readsVolumeMadeByMkfsAndFilledByFuse() throws Exception {
        Tools.require("mkfs.exfat");
        Path img = tmp.resolve("foreign.img");
        FileBlockDevice.createSparse(img, 96L << 20).close();
        Tools.run("mkfs.exfat", "-L", "Foreign", img.toString()).assertOk();
        Map<String, byte[]> expected = new TreeMap<>();
        Map<String, List<String>> order = new TreeMap<>();
        FuseExfat.withMount(img, false, tmp.resolve("mnt"), mnt -> {
            Files.createDirectories(mnt.resolve("Ordner Ä/Ünter/日本"));
            String longName = "x".repeat(200) + " Long Name.ISO";
            String[] names = {"a.txt", "Zebra.iso", "ÉCOLE é.img", "日本語.bin", longName, "emoji 😀.dat"};
            int i = 0;
            for (String dir : new String[] {"", "Ordner Ä", "Ordner Ä/Ünter/日本"}) {
                for (String n : names) {
                    String rel = dir.isEmpty() ? n : dir + "/" + n;
                    byte[] content = ExfatVolumeTest.bytes(1000 * i++ + 1, i);
                    Files.write(mnt.resolve(rel), content);
                    expected.put("/" + rel, content);
                }
            }
            // Interleaved appends make both files fragmented.
            try (OutputStream a = Files.newOutputStream(mnt.resolve("frag1.bin"), StandardOpenOption.CREATE_NEW);
                 OutputStream b = Files.newOutputStream(mnt.resolve("frag2.bin"), StandardOpenOption.CREATE_NEW)) {
                for (int k = 0; k < 40; k++) {
                    a.write(ExfatVolumeTest.bytes(8192, 1000 + k));
                    a.flush();
                    b.write(ExfatVolumeTest.bytes(8192, 2000 + k));
                    b.flush();
                }
            }
            byte[] f1 = new byte[0];
            expected.put("/frag1.bin", Files.readAllBytes(mnt.resolve("frag1.bin")));
            expected.put("/frag2.bin", Files.readAllBytes(mnt.resolve("frag2.bin")));
            Files.delete(mnt.resolve("a.txt"));
            expected.remove("/a.txt");
            for (String dir : new String[] {"", "Ordner Ä", "Ordner Ä/Ünter"}) {
                try (Stream<Path> s = Files.list(mnt.resolve(dir))) {
                    order.put("/" + dir, s.map(p -> p.getFileName().toString()).toList());
                }
            }
            assertThat(f1).isEmpty();
        });
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
        try (FileBlockDevice d = FileBlockDevice.open(img, true); ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK)) {
            assertThat(v.label()).isEqualTo("Foreign");
            for (Map.Entry<String, List<String>> e : order.entrySet()) {
                String dir = e.getKey().equals("/") ? "/" : e.getKey();
                assertThat(v.list(dir)).extracting(FsEntry::name).as(dir).containsExactlyInAnyOrderElementsOf(e.getValue());
            }
            // On-disk order is creation order here (exfat-fuse appends entries; a.txt's slot was freed last).
            assertThat(v.list("/")).extracting(FsEntry::name).containsExactly("Ordner Ä", "Zebra.iso", "ÉCOLE é.img",
                    "日本語.bin", "x".repeat(200) + " Long Name.ISO", "emoji 😀.dat", "frag1.bin", "frag2.bin");
            List<String> files = new ArrayList<>(ExfatManyFilesTest.walk(v, "/"));
            assertThat(files).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertThat(ExfatVolumeTest.readAll(v, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(v.extents("/frag1.bin").size()).isGreaterThan(1);
            // Our NameHash (spec §7.6.4 over the up-cased name) agrees with what exfat-fuse stored.
            UpcaseTable up = UpcaseTable.recommended();
            for (String dir : order.keySet()) {
                for (FileEntrySet set : v.entrySets(dir)) {
                    assertThat(set.nameHash()).as(set.name()).isEqualTo(Checksums.nameHash(up.upcase(set.name())));
                }
            }
            assertThat(v.extents("/Zebra.iso")).hasSize(1);
        }
    }
}
