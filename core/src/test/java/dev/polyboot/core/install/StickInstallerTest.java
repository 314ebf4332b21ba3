package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StickInstallerTest {
    static final long GIB = 1L << 30;
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(PartitionStyle.class)
    void sameInputsGiveTheSameImageBytes(PartitionStyle style) throws Exception {
        Path a = tmp.resolve("a.img");
        Path b = tmp.resolve("b.img");
        Path c = tmp.resolve("c.img");
        TestSticks.install(a, GIB / 4, style, 7);
        TestSticks.install(b, GIB / 4, style, 7);
        TestSticks.install(c, GIB / 4, style, 8);
        assertThat(TestSticks.sha256(a)).isEqualTo(TestSticks.sha256(b)).isNotEqualTo(TestSticks.sha256(c));
    }

    /** Fresh sparse sticks of the sizes users buy, small to large (the 64 GiB one gets 128 KiB exFAT clusters). */
    @ParameterizedTest
    @ValueSource(longs = {1, 8, 64})
    void mbrStickPassesSgdiskSfdiskAndBothFscks(long gib) throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, gib * GIB, PartitionStyle.MBR, 1);
        assertThat(Tools.run("sgdisk", "-v", img.toString()).assertOk().stdout()).contains("No problems found");
        String dump = Tools.run("sfdisk", "-d", img.toString()).assertOk().stdout();
        assertThat(dump).contains(String.format("label-id: 0x%08x", l.diskSignature()))
                .containsPattern("s\\.img1 : start=\\s+2048, size=\\s+" + l.data().sectorCount() + ", type=7, bootable")
                .containsPattern("s\\.img2 : start=\\s+" + l.boot().firstLba() + ", size=\\s+131072, type=ef");
        String fsck = LoopDevices.fsckBoth(img, l.data().startBytes(), l.data().sizeBytes(), l.boot().startBytes(),
                l.boot().sizeBytes());
        assertThat(fsck).contains("clean").contains("2 FATs, 16 bit entries");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 8, 64})
    void gptStickPassesSgdiskAndBothFscks(long gib) throws Exception {
        Path img = tmp.resolve("g.img");
        StickLayout l = TestSticks.install(img, gib * GIB, PartitionStyle.GPT, 2);
        String v = Tools.run("sgdisk", "-v", img.toString()).assertOk().stdout();
        assertThat(v).contains("No problems found");
        String p = Tools.run("sgdisk", "-p", img.toString()).assertOk().stdout();
        assertThat(p).containsIgnoringCase(l.diskGuid().toString())
                .containsPattern("1\\s+2048\\s+" + l.data().lastLba() + ".*0700\\s+POLYBOOT")
                .containsPattern("2\\s+" + l.boot().firstLba() + "\\s+" + l.boot().lastLba() + ".*EF00\\s+PBOOT")
                .containsPattern("3\\s+34\\s+2047.*EF02");
        LoopDevices.fsckBoth(img, l.data().startBytes(), l.data().sizeBytes(), l.boot().startBytes(), l.boot().sizeBytes());
    }

    @Test
    void espHoldsThePayloadFilesAndTheBootCodeIsInPlace() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, GIB / 2, PartitionStyle.MBR, 3);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, l.boot().startBytes(), l.boot().sizeBytes()), TestSticks.CLOCK)) {
            assertThat(esp.label()).isEqualTo("PBOOT");
            assertThat(esp.fatBits()).isEqualTo(16);
            assertThat(esp.volumeSerial()).isEqualTo(l.boot().volumeSerial());
            assertThat(EspFiles.sha256(esp, EspContents.EFI_LOADER))
                    .isEqualTo(EspFiles.sha256(TestSticks.payload().bootx64Efi()));
            assertThat(esp.stat(EspContents.GRUB_CFG)).isPresent();
            // The MBR boot code GRUB's boot.img starts with (jmp short) and the 0x55AA signature.
            byte[] lba0 = dev.read(0, 512).array();
            assertThat(lba0[0]).isEqualTo((byte) 0xEB);
            assertThat(lba0[510]).isEqualTo((byte) 0x55);
            assertThat(lba0[511]).isEqualTo((byte) 0xAA);
        }
        assertThat(new StickVerifier(TestSticks.CLOCK).verify(FileBlockDevice.open(img, true), TestSticks.payload()).ok()).isTrue();
    }
}
