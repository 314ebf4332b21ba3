package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExfatDirectoryGrowthTest {
    @TempDir Path tmp;

    @Test
    void directoriesGrowContiguouslyOrConvertToFatChains() throws Exception {
        Path img = ExfatVolumeTest.formatted(tmp.resolve("grow.img"), 64L << 20);
        List<String> names = new ArrayList<>();
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK)) {
            v.mkdirs("/contiguous");
            for (int i = 0; i < 150; i++) {
                String name = "A rather long file name to fill directory clusters quickly " + i;
                names.add(name);
                // Empty files allocate nothing, so /contiguous can take the clusters right after its own.
                v.writeFile("/contiguous/" + name, InputStream.nullInputStream(), 0);
            }
            v.mkdirs("/chained");
            v.writeFile("/chained/first", new ByteArrayInputStream(new byte[10]), 10);
            for (int i = 0; i < 150; i++) {
                String name = names.get(i);
                // Each file takes the cluster after the directory's last one, so growth must chain.
                byte[] c = ExfatVolumeTest.bytes(100, i);
                v.writeFile("/chained/" + name, new ByteArrayInputStream(c), c.length);
            }
            assertThat(v.extents("/contiguous")).hasSize(1);
            assertThat(v.extents("/chained").size()).isGreaterThan(1);
            assertThat(v.list("/contiguous")).extracting(FsEntry::name).containsExactlyElementsOf(names);
            assertThat(v.list("/chained")).hasSize(151);
            for (int i = 0; i < 150; i += 37) {
                assertThat(ExfatVolumeTest.readAll(v, "/chained/" + names.get(i))).isEqualTo(ExfatVolumeTest.bytes(100, i));
            }
            // The root grows through its FAT chain.
            for (int i = 0; i < 200; i++) v.mkdirs("/root entry with a long name number " + i);
            assertThat(v.list("/")).hasSize(202);
        }
        Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
        FuseExfat.withMount(img, true, tmp.resolve("mnt"), mnt -> {
            try (Stream<Path> s = Files.list(mnt.resolve("contiguous"))) {
                assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(names);
            }
            try (Stream<Path> s = Files.list(mnt.resolve("chained"))) {
                assertThat(s.count()).isEqualTo(151);
            }
            try (Stream<Path> s = Files.list(mnt)) {
                assertThat(s.count()).isEqualTo(202);
            }
        });
    }

    @Test
    void sameOperationsAndClockGiveSameBytes() throws Exception {
        assertThat(ExfatFormatterTest.sha256(scripted())).isEqualTo(ExfatFormatterTest.sha256(scripted()));
    }

    private static byte[] scripted() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(16 << 20);
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("DET", 42));
        try (ExfatVolume v = ExfatVolume.open(dev, ExfatVolumeTest.CLOCK)) {
            v.mkdirs("/a/b");
            for (int i = 0; i < 20; i++) {
                byte[] c = ExfatVolumeTest.bytes(i * 1000, i);
                v.writeFile("/a/b/f" + i, new ByteArrayInputStream(c), c.length);
            }
            v.delete("/a/b/f3");
            v.rename("/a/b/f4", "/a/moved with a much longer name than before");
        }
        return dev.bytes();
    }
}
