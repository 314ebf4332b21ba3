package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StickVerifierTest {
    static final long SIZE = 256L << 20;
    @TempDir
    Path tmp;

    private VerifyReport verify(Path img) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            return new StickVerifier(TestSticks.CLOCK).verify(dev, TestSticks.payload());
        }
    }

    @Test
    void freshSticksVerify() throws Exception {
        for (PartitionStyle s : PartitionStyle.values()) {
            Path img = tmp.resolve(s + ".img");
            TestSticks.install(img, SIZE, s, 5);
            VerifyReport r = verify(img);
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.problems()).as(r.toString()).isEmpty();
        }
    }

    @Test
    void aChangedByteInTheEfiLoaderIsCorruption() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, SIZE, PartitionStyle.MBR, 5);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            Extent first;
            try (FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, l.boot().startBytes(), l.boot().sizeBytes()), TestSticks.CLOCK)) {
                first = esp.extents(EspContents.EFI_LOADER).get(0);
            }
            long at = l.boot().startBytes() + first.deviceOffset() + 1000;
            ByteBuffer b = dev.read(at, 1);
            dev.write(at, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x01)}));
        }
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(f -> assertThat(f.message()).startsWith("/EFI/BOOT/BOOTX64.EFI differs"));
    }

    /** The helper inside /polyboot/pbinit.cpio is checked against the manifest's pbinit; a missing archive is a warning. */
    @Test
    void helperArchiveIsCheckedAgainstTheManifest() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, SIZE, PartitionStyle.MBR, 5);
        assertThat(verify(img).findings()).anySatisfy(f -> assertThat(f.message()).startsWith("/polyboot/pbinit.cpio: polyboot/init matches the manifest"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            Extent first;
            try (FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, l.boot().startBytes(), l.boot().sizeBytes()), TestSticks.CLOCK)) {
                first = esp.extents(EspContents.PBINIT).get(0);
            }
            long at = l.boot().startBytes() + first.deviceOffset() + 4000; // inside the helper's bytes, past the headers
            ByteBuffer b = dev.read(at, 1);
            dev.write(at, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x01)}));
        }
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(f -> assertThat(f.message()).startsWith("/polyboot/pbinit.cpio: polyboot/init differs"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, false);
             FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, l.boot().startBytes(), l.boot().sizeBytes()), TestSticks.CLOCK)) {
            esp.delete(EspContents.PBINIT);
            esp.flush();
        }
        VerifyReport missing = verify(img);
        assertThat(missing.ok()).as("the stick still boots everything else").isTrue();
        assertThat(missing.findings()).anySatisfy(f -> assertThat(f.message()).contains("pbinit.cpio missing").contains("polyboot update"));
    }

    @Test
    void damagedBootCodeIsCorruption() throws Exception {
        Path img = tmp.resolve("s.img");
        TestSticks.install(img, SIZE, PartitionStyle.GPT, 5);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            dev.write(0x5C, ByteBuffer.wrap(new byte[] {1}));   // core.img LBA 34 → 1
        }
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(f -> assertThat(f.message()).contains("LBA 0 differs"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            VerifyReport structural = new StickVerifier(TestSticks.CLOCK).verify(dev, null);
            assertThat(structural.problems()).anySatisfy(f -> assertThat(f.message()).contains("does not point at core.img"));
        }
    }

    @Test
    void blankImageHasNoPartitionTable() throws Exception {
        Path img = tmp.resolve("blank.img");
        FileBlockDevice.createSparse(img, SIZE).close();
        VerifyReport r = verify(img);
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("no partition table"));
    }
}
