package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file beyond 4 GiB on a 64 GiB sparse volume: one contiguous run, same SHA-256 through us and exfat-fuse. */
class ExfatLargeFileTest {
    static final long SIZE = (4L << 30) + (3L << 20) + 12345;

    @TempDir Path tmp;

    @Test
    void fileLargerThan4GiBRoundTrips() throws Exception {
        Tools.require("fsck.exfat");
        Path img = tmp.resolve("big.img");
        try {
            String written;
            try (FileBlockDevice d = FileBlockDevice.createSparse(img, 64L << 30)) {
                ExfatFormatter.format(d, ExfatFormatOptions.defaults("BIG", 1));
                try (ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK)) {
                    v.mkdirs("/isos");
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    try (InputStream in = new DigestInputStream(new PatternStream(SIZE, 7), md)) {
                        v.writeFile("/isos/Big Image.iso", in, SIZE);
                    }
                    written = HexFormat.of().formatHex(md.digest());
                    List<Extent> ext = v.extents("/isos/big image.ISO");
                    assertThat(ext).hasSize(1);
                    assertThat(ext.get(0).length()).isEqualTo(SIZE);
                    assertThat(v.stat("/isos/Big Image.iso").get().size()).isEqualTo(SIZE);
                }
            }
            Tools.run("fsck.exfat", "-n", img.toString()).assertOk();
            try (FileBlockDevice d = FileBlockDevice.open(img, true)) {
                ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (SeekableByteChannel ch = v.open("/isos/Big Image.iso")) {
                    ByteBuffer b = ByteBuffer.allocate(4 << 20);
                    while (ch.read(b) >= 0) {
                        md.update(b.flip());
                        b.clear();
                    }
                }
                assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(written);
            }
            FuseExfat.withMount(img, true, tmp.resolve("mnt"), mnt -> {
                String sha = Tools.run(600, List.of("sha256sum", mnt.resolve("isos/Big Image.iso").toString()))
                        .assertOk().stdout().split(" ")[0];
                assertThat(sha).isEqualTo(written);
            });
        } finally {
            Files.deleteIfExists(img);
        }
    }
}
