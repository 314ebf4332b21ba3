package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify --full: every file read back past the page cache, images compared with the SHA-256 add recorded. */
class VerifyFilesTest {
    @TempDir
    Path tmp;

    @Test
    void recordsTheHashAtAddAndFindsAChangedByte() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout layout = TestSticks.install(img, 256L << 20, PartitionStyle.MBR, 31);
        Target stick = new Target.ImageFile(img);
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK);
        Path iso = Path.of("/usr/lib/ipxe/ipxe.iso");
        lib.add(stick, List.of(iso), "/", ProgressListener.NONE);
        String want = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(iso)));
        assertThat(lib.catalog(stick).orElseThrow().entries()).extracting(CatalogEntry::sha256).containsExactly(want);

        // a file copied by hand (no hash recorded) next to it
        byte[] other = new byte[300_000];
        new Random(3).nextBytes(other);
        long extentOffset;
        try (FileBlockDevice dev = FileBlockDevice.open(img, false);
             ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK)) {
            v.writeFile("/by-hand.bin", new ByteArrayInputStream(other), other.length);
            Extent first = v.extents("/ipxe.iso").get(0);
            extentOffset = layout.data().startBytes() + first.deviceOffset();
        }

        FilesReport clean = lib.verifyFiles(stick, ProgressListener.NONE);
        assertThat(clean.ok()).as(clean.toString()).isTrue();
        assertThat(clean.files()).filteredOn(f -> f.path().equals("/ipxe.iso")).singleElement()
                .extracting(FilesReport.FileCheck::status).isEqualTo(FilesReport.Status.OK);
        assertThat(clean.files()).filteredOn(f -> f.path().equals("/by-hand.bin")).singleElement()
                .extracting(FilesReport.FileCheck::status).isEqualTo(FilesReport.Status.NOT_RECORDED);
        assertThat(clean.bytesRead()).isGreaterThanOrEqualTo(Files.size(iso) + other.length);

        // refresh keeps the recorded hash (same path, same size)
        lib.refresh(stick, ProgressListener.NONE);
        assertThat(lib.catalog(stick).orElseThrow().entries()).extracting(CatalogEntry::sha256).containsExactly(want);

        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            ByteBuffer b = dev.read(extentOffset + 12345, 1);
            dev.write(extentOffset + 12345, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x40)}));
        }
        FilesReport damaged = lib.verifyFiles(stick, ProgressListener.NONE);
        assertThat(damaged.ok()).isFalse();
        assertThat(damaged.files()).filteredOn(f -> f.status() == FilesReport.Status.DIFFERS).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo("/ipxe.iso"))
                .satisfies(f -> assertThat(f.detail()).contains(want + " recorded by add"));
    }
}
