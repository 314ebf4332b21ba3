package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.formats.io.FileBlockDevice;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StickInspectorTest {
    static final long SIZE = 256L << 20;
    @TempDir
    Path tmp;

    @Test
    void describesAnInstalledStick() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, SIZE, PartitionStyle.GPT, 9);
        StickInfo i;
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            i = new StickInspector(TestSticks.CLOCK).inspect(dev);
        }
        assertThat(i.polyboot()).isTrue();
        assertThat(i.style()).isEqualTo("GPT");
        assertThat(i.diskId()).isEqualToIgnoringCase(l.diskGuid().toString());
        assertThat(i.polybootVersion()).isEqualTo("0.1.0-test");
        assertThat(i.payloadDigest()).isEqualTo(TestSticks.payload().digest());
        assertThat(i.console()).isEqualTo("screen");
        assertThat(i.data().label()).isEqualTo("POLYBOOT");
        assertThat(i.data().freeBytes()).isPositive().isLessThanOrEqualTo(l.data().sizeBytes());
        assertThat(i.boot().fileSystem()).isEqualTo("FAT16");
        assertThat(i.manifest()).extracting(e -> e.name()).contains("core.img", "BOOTX64.EFI");
        assertThat(i.partitions()).hasSize(3);
        assertThat(i.problems()).isEmpty();
    }

    @Test
    void blankAndForeignDisksAreNotPolyboot() throws Exception {
        Path img = tmp.resolve("blank.img");
        try (FileBlockDevice dev = FileBlockDevice.createSparse(img, SIZE)) {
            StickInfo i = new StickInspector(TestSticks.CLOCK).inspect(dev);
            assertThat(i.polyboot()).isFalse();
            assertThat(i.style()).isEqualTo("NONE");
            // an MBR with garbage where the file systems should be
            byte[] mbr = new byte[512];
            mbr[446 + 4] = 0x07;
            ByteBuffer.wrap(mbr).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(446 + 8, 2048).putInt(446 + 12, 4096);
            mbr[462 + 4] = (byte) 0xEF;
            ByteBuffer.wrap(mbr).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(462 + 8, 8192).putInt(462 + 12, 4096);
            mbr[510] = 0x55;
            mbr[511] = (byte) 0xAA;
            dev.write(0, ByteBuffer.wrap(mbr));
            StickInfo j = new StickInspector(TestSticks.CLOCK).inspect(dev);
            assertThat(j.polyboot()).isFalse();
            assertThat(j.problems()).anySatisfy(p -> assertThat(p).startsWith("data partition is not a readable exFAT"));
            assertThat(new StickInspector(TestSticks.CLOCK).holdsPolyboot(dev)).isFalse();
        }
    }
}
