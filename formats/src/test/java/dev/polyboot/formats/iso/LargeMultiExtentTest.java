package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file over 4 GiB (sparse source) put into an ISO by xorriso -iso-level 3, which splits it into extents of
 * at most 4 GiB - 2 KiB. xorriso streams the ISO to us and the test keeps it sparse by skipping zero blocks, so the
 * disk holds a few MB; the time goes into xorriso reading the 4.7 GB of zeros (tagged "slow", excluded by -Pquick).
 * Our extents must be xorriso's own (-exec report_lba), and the bytes at both ends of the file must be right.
 */
@Tag("slow")
class LargeMultiExtentTest {
    static final long SIZE = 4800L << 20;
    static final int CHUNK = 1 << 16;

    @TempDir Path tmp;

    @Test
    void fileOver4GiBHasXorrisosExtentsAndBytes() throws Exception {
        Tools.require("xorriso");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path huge = src.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(SIZE);
            f.seek(0);
            f.write("head".getBytes(StandardCharsets.US_ASCII));
            f.seek(SIZE - 4);
            f.write("tail".getBytes(StandardCharsets.US_ASCII));
        }
        Path iso = tmp.resolve("big.iso");
        Process p = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-iso-level", "3", "-R", "-J", "-o", "-",
                src.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long length = sparseCopy(p.getInputStream(), iso);
        assertThat(p.waitFor()).isZero();
        Files.delete(huge);

        List<long[]> expected = new ArrayList<>();
        for (String line : Tools.run("xorriso", "-indev", iso.toString(), "-find", "/huge.bin", "-exec", "report_lba")
                .assertOk().stdout().split("\n")) {
            if (!line.startsWith("File data lba:")) continue;
            String[] f = line.substring(14).split(",");
            // columns: extent index, start LBA, blocks, size of the whole file
            expected.add(new long[] {Long.parseLong(f[1].strip()) * 2048, Long.parseLong(f[2].strip()),
                    Long.parseLong(f[3].strip())});
        }
        assertThat(expected).hasSizeGreaterThan(1);

        try (FileBlockDevice dev = FileBlockDevice.open(iso, true)) {
            assertThat(dev.size()).isEqualTo(length);
            IsoImage image = IsoImage.read(dev);
            IsoEntry e = image.lookup("/huge.bin").orElseThrow();
            assertThat(e.size()).isEqualTo(SIZE);
            assertThat(e.extents()).extracting(x -> List.of(x.deviceOffset(), (x.length() + 2047) / 2048))
                    .containsExactlyElementsOf(expected.stream().map(x -> List.of(x[0], x[1])).toList());
            assertThat(expected).allSatisfy(x -> assertThat(x[2]).isEqualTo(SIZE));
            long at = 0;
            for (Extent x : e.extents()) {
                assertThat(x.fileOffset()).isEqualTo(at);
                assertThat(x.length()).isLessThanOrEqualTo(0xFFFF_FFFFL);
                at += x.length();
            }
            try (var ch = image.open(e)) {
                assertThat(read(ch, 0, 4)).isEqualTo("head");
                assertThat(read(ch, SIZE - 4, 4)).isEqualTo("tail");
                assertThat(read(ch, e.extents().get(1).fileOffset() - 2, 4)).isEqualTo("\0\0\0\0");
            }
            assertThat(IsoImage.read(dev, NameSet.JOLIET).lookup("/huge.bin").orElseThrow().size()).isEqualTo(SIZE);
        }
    }

    private static String read(java.nio.channels.SeekableByteChannel ch, long pos, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        ch.position(pos);
        while (b.hasRemaining()) ch.read(b);
        return new String(b.array(), StandardCharsets.ISO_8859_1);
    }

    /** Writes only the non-zero chunks, so the file stays sparse; returns the length written. */
    static long sparseCopy(InputStream in, Path out) throws Exception {
        byte[] buf = new byte[CHUNK];
        long pos = 0;
        try (in; FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                int n = in.readNBytes(buf, 0, CHUNK);
                if (n == 0) break;
                if (!allZero(buf, n)) ch.write(ByteBuffer.wrap(buf, 0, n), pos);
                pos += n;
            }
            if (ch.size() < pos) ch.write(ByteBuffer.allocate(1), pos - 1);
        }
        return pos;
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) if (b[i] != 0) return false;
        return true;
    }
}
