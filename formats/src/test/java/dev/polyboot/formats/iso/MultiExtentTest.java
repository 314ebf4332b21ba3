package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-extent files (ECMA-119 6.5.1: every record but the last has flag bit 7, all share the name) without
 * writing gigabytes: genisoimage writes three small files, the test turns their records into the three extents of
 * one file by patching bytes found by name, and xorriso, an independent reader, confirms the file's size and bytes.
 * {@link LargeMultiExtentTest} does the real thing with a file over 4 GiB.
 */
class MultiExtentTest {
    @TempDir Path tmp;

    @Test
    void recordsWithTheMultiExtentFlagJoinIntoOneFile() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] p1 = IsoFixtures.pattern(2048, 1), p2 = IsoFixtures.pattern(4096, 2), p3 = IsoFixtures.pattern(100, 3);
        Files.write(src.resolve("P1.BIN"), p1);
        Files.write(src.resolve("P2.BIN"), p2);
        Files.write(src.resolve("P3.BIN"), p3);
        Files.write(src.resolve("Z.TXT"), "after\n".getBytes(StandardCharsets.US_ASCII));
        Path iso = IsoFixtures.genisoimage(src, tmp.resolve("m.iso"));
        byte[] image = Files.readAllBytes(iso);
        patch(image, "P1.BIN;1", "P1.BIN;1", true);
        patch(image, "P2.BIN;1", "P1.BIN;1", true);
        patch(image, "P3.BIN;1", "P1.BIN;1", false);
        Files.write(iso, image);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(p1);
        joined.write(p2);
        joined.write(p3);
        // the oracle reads the patched image the same way
        assertThat(IsoFixtures.xorrisoListing(iso, false).get("/P1.BIN").size()).isEqualTo(joined.size());
        Path extracted = tmp.resolve("P1.out");
        Tools.run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/P1.BIN", extracted.toString())
                .assertOk();
        assertThat(Files.readAllBytes(extracted)).isEqualTo(joined.toByteArray());

        try (FileBlockDevice dev = FileBlockDevice.open(iso, true)) {
            IsoImage img = IsoImage.read(dev);
            assertThat(img.list("/")).extracting(IsoEntry::name).containsExactly("P1.BIN", "Z.TXT");
            IsoEntry f = img.lookup("/P1.BIN").orElseThrow();
            assertThat(f.size()).isEqualTo(joined.size());
            assertThat(f.extents()).extracting(Extent::fileOffset, Extent::length)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 2048L),
                            org.assertj.core.groups.Tuple.tuple(2048L, 4096L),
                            org.assertj.core.groups.Tuple.tuple(6144L, 100L));
            assertThat(img.readAll(f, 1 << 20)).isEqualTo(joined.toByteArray());
            try (var ch = img.open(f)) { // a read that starts in one extent and ends in the next
                ch.position(2000);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(200);
                while (b.hasRemaining()) ch.read(b);
                assertThat(b.array()).isEqualTo(java.util.Arrays.copyOfRange(joined.toByteArray(), 2000, 2200));
            }
            assertThat(img.findings()).isEmpty();
        }
    }

    /** Renames the record holding {@code name} (same length) and sets or clears its multi-extent flag. */
    static void patch(byte[] image, String name, String newName, boolean multiExtent) {
        byte[] needle = name.getBytes(StandardCharsets.US_ASCII);
        List<Integer> hits = new java.util.ArrayList<>();
        outer:
        for (int i = 33; i + needle.length <= image.length; i++) {
            for (int k = 0; k < needle.length; k++) if (image[i + k] != needle[k]) continue outer;
            if (image[i - 1] == needle.length) hits.add(i); // preceded by its identifier length byte
        }
        assertThat(hits).as(name).hasSize(1);
        int record = hits.get(0) - 33;
        System.arraycopy(newName.getBytes(StandardCharsets.US_ASCII), 0, image, hits.get(0), needle.length);
        image[record + 25] = (byte) (multiExtent ? image[record + 25] | 0x80 : image[record + 25] & ~0x80);
    }
}
