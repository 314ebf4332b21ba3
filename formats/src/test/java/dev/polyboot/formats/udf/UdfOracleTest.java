package dev.polyboot.formats.udf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UDF volumes made by genisoimage ({@code -udf}, the UDF bridge) and mkudffs, read by us and by 7-Zip's UDF
 * handler ({@code 7z -tudf}) and {@code udfinfo}. The kernel here has no UDF driver, so mkudffs volumes stay empty.
 */
class UdfOracleTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void genisoimageUdfAgreesWith7zAndUdfinfo(boolean udfOnly) throws Exception {
        Path tree = sourceTree();
        Path iso = dir.resolve("udf.iso");
        Tools.run(List.of("genisoimage", "-quiet", "-input-charset", "utf-8", "-udf", "-V", "POLY_UDF", "-o", iso.toString(), tree.toString())).assertOk();
        if (udfOnly) wipeIso9660(iso);
        Map<String, Long> ours = new TreeMap<>();
        Map<String, byte[]> contents = new TreeMap<>();
        try (FileBlockDevice dev = FileBlockDevice.open(iso, true)) {
            UdfImage udf = UdfImage.read(dev);
            Map<String, String> info = udfinfo(iso);
            assertThat(udf.volumeId()).isEqualTo(info.get("vid"));
            assertThat(udf.logicalVolumeId()).isEqualTo(info.get("lvid"));
            assertThat(udf.fileSetId()).isEqualTo(info.get("fsid"));
            assertThat(udf.blockSize()).isEqualTo(Integer.parseInt(info.get("blocksize")));
            assertThat(String.format("%x.%02x", udf.udfRevision() >> 8, udf.udfRevision() & 0xFF)).isEqualTo(info.get("udfrev"));
            walk(udf, udf.root(), ours, contents);
            for (String path : contents.keySet()) {
                UdfEntry e = udf.lookup(path);
                assertThat(bytesAt(iso, udf.extents(e))).as(path).isEqualTo(contents.get(path));
                assertThat(udf.lookupIgnoreCase(path.toUpperCase()).path()).isEqualTo(e.path());
            }
        }
        assertThat(ours).isEqualTo(sevenZipListing(iso));
        Path out = dir.resolve("x");
        Tools.run(List.of("7z", "x", "-tudf", "-o" + out, iso.toString())).assertOk();
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readAllBytes(out.resolve(e.getKey().substring(1))));
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readAllBytes(tree.resolve(e.getKey().substring(1))));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 2048, 4096})
    void mkudffsVolumeAgreesWithUdfinfo(int blockSize) throws Exception {
        Path img = dir.resolve("hd.img");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), (8L << 20) - 1);
        }
        Tools.run(List.of("mkudffs", "--media-type=hd", "--label=Poly Label", "--blocksize=" + blockSize, img.toString())).assertOk();
        Map<String, String> info = udfinfo(img);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            UdfImage udf = UdfImage.read(dev);
            assertThat(udf.blockSize()).isEqualTo(blockSize);
            assertThat(udf.volumeId()).isEqualTo(info.get("vid")).isEqualTo("Poly Label");
            assertThat(udf.logicalVolumeId()).isEqualTo(info.get("lvid"));
            assertThat(udf.udfRevision()).isEqualTo(0x0201);
            assertThat(udf.list("/")).isEmpty();
            assertThat(udf.root().directory()).isTrue();
        }
    }

    @Test
    void sevenZipSeesTheSameEmptyMkudffsRoot() throws Exception {
        Tools.require("7z");
        Path img = dir.resolve("e.img");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), (4L << 20) - 1);
        }
        Tools.run(List.of("mkudffs", "--media-type=hd", "--blocksize=512", img.toString())).assertOk();
        assertThat(sevenZipListing(img)).isEmpty();
    }

    private Path sourceTree() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("sources/Deep/er"));
        Files.createDirectories(tree.resolve("efi/boot"));
        Files.createDirectories(tree.resolve("empty dir"));
        Files.writeString(tree.resolve("setup.exe"), "MZ not really");
        Files.write(tree.resolve("efi/boot/bootx64.efi"), pattern(200_000, 7));
        Files.write(tree.resolve("sources/install.wim"), pattern(3 * 1024 * 1024 + 123, 3));
        if (hostNamesAreUtf8()) Files.writeString(tree.resolve("sources/Deep/er/Ünïcödé ✓ name.txt"), "unicode");
        Files.write(tree.resolve("sources/Deep/empty.bin"), new byte[0]);
        for (int i = 0; i < 60; i++) Files.writeString(tree.resolve("sources/file-with-a-long-name-" + i + ".txt"), "n" + i);
        return tree;
    }

    /** A JVM started without a UTF-8 locale cannot create non-ASCII file names; TinyUdf covers 16-bit names anyway. */
    static boolean hostNamesAreUtf8() {
        return "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    }

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i * seed ^ i >>> 9);
        return b;
    }

    private static void walk(UdfImage udf, UdfEntry dir, Map<String, Long> out, Map<String, byte[]> contents) throws IOException {
        for (UdfEntry e : udf.list(dir)) {
            out.put(e.path().substring(1), e.directory() ? -1 : e.size());
            if (e.directory()) {
                walk(udf, e, out, contents);
            } else {
                contents.put(e.path(), udf.readAll(e, 16 << 20));
            }
        }
    }

    /** {@code 7z l -slt -tudf}: path → size, -1 for folders. */
    private static Map<String, Long> sevenZipListing(Path image) {
        String out = Tools.run(List.of("7z", "l", "-slt", "-tudf", image.toString())).assertOk().stdout();
        Map<String, Long> listing = new TreeMap<>();
        String body = out.contains("----------\n") ? out.substring(out.indexOf("----------\n") + 11) : "";
        for (String block : body.split("\n\\s*\n")) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                int at = line.indexOf(" = ");
                if (at > 0) kv.put(line.substring(0, at), line.substring(at + 3));
            }
            if (!kv.containsKey("Path")) continue;
            listing.put(kv.get("Path"), "+".equals(kv.get("Folder")) ? -1L : Long.parseLong(kv.get("Size")));
        }
        return listing;
    }

    private static Map<String, String> udfinfo(Path image) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : Tools.run("udfinfo", image.toString()).assertOk().stdout().split("\n")) {
            int at = line.indexOf('=');
            if (at > 0 && !line.startsWith("start=")) kv.put(line.substring(0, at), line.substring(at + 1));
        }
        return kv;
    }

    private static byte[] bytesAt(Path image, List<Extent> extents) throws IOException {
        long size = extents.stream().mapToLong(e -> e.fileOffset() + e.length()).max().orElse(0);
        ByteBuffer out = ByteBuffer.allocate((int) size);
        try (FileChannel ch = FileChannel.open(image)) {
            for (Extent e : extents) {
                ByteBuffer part = out.slice((int) e.fileOffset(), (int) e.length());
                while (part.hasRemaining()) ch.read(part, e.deviceOffset() + part.position());
            }
        }
        return out.array();
    }

    /**
     * Makes the bridge image UDF-only: the volume recognition sequence (BEA01, NSR0x, TEA01) moves to sector 16 and the
     * ISO 9660 descriptors (CD001) that preceded it are zeroed, as on a UDF-only Windows ISO.
     */
    private static void wipeIso9660(Path iso) throws IOException {
        try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            List<ByteBuffer> vrs = new java.util.ArrayList<>();
            for (long s = 16; s < 32; s++) {
                ByteBuffer b = ByteBuffer.allocate(2048);
                ch.read(b, s * 2048);
                String id = new String(b.array(), 1, 5, java.nio.charset.StandardCharsets.US_ASCII);
                if (id.equals("BEA01") || id.startsWith("NSR0") || id.equals("TEA01")) vrs.add(b.flip());
            }
            assertThat(vrs).hasSize(3);
            for (long s = 16; s < 32; s++) ch.write(s - 16 < vrs.size() ? vrs.get((int) (s - 16)) : ByteBuffer.allocate(2048), s * 2048);
        }
        assertThat(Tools.run("isoinfo", "-d", "-i", iso.toString()).stdout()).doesNotContain("POLY_UDF");
    }
}
