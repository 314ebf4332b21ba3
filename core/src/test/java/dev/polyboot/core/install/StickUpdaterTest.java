package dev.polyboot.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.core.boot.Console;
import dev.polyboot.core.images.ImageLibraryTestAccess;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.FakeMachine;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StickUpdaterTest {
    static final long SIZE = 512L << 20;
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(PartitionStyle.class)
    void updateNeverWritesTheDataPartitionAndKeepsTheDiskIdentity(PartitionStyle style) throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout l = TestSticks.install(img, SIZE, style, 11);
        Path iso = tmp.resolve("my image.iso");
        byte[] content = new byte[3 << 20];
        new Random(1).nextBytes(content);
        Files.write(iso, content);
        ImageLibraryTestAccess.addToImage(img, iso);
        String dataBefore = TestSticks.sha256(img, l.data().startBytes(), l.data().sizeBytes());
        String tableBefore = Tools.run("sfdisk", "-d", img.toString()).assertOk().stdout();
        // Damage the boot partition and the boot code: update must repair both.
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            dev.write(l.boot().startBytes() + 512 * 3, ByteBuffer.wrap(new byte[4096]));
            dev.write(0, ByteBuffer.wrap(new byte[16]));
        }
        UpdateResult r;
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            r = new StickUpdater(TestSticks.CLOCK).update(dev, TestSticks.payload(), Console.BOTH, "0.2.0", ProgressListener.NONE);
        }
        assertThat(r.previousVersion()).as("the damaged boot partition no longer tells").isNull();
        assertThat(r.newVersion()).isEqualTo("0.2.0");
        assertThat(r.console()).isEqualTo("both");
        assertThat(TestSticks.sha256(img, l.data().startBytes(), l.data().sizeBytes())).isEqualTo(dataBefore);
        assertThat(Tools.run("sfdisk", "-d", img.toString()).assertOk().stdout()).isEqualTo(tableBefore);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            VerifyReport v = new StickVerifier(TestSticks.CLOCK).verify(dev, TestSticks.payload());
            assertThat(v.problems()).as(v.toString()).isEmpty();
            StickInfo i = new StickInspector(TestSticks.CLOCK).inspect(dev);
            assertThat(i.polybootVersion()).isEqualTo("0.2.0");
            assertThat(i.console()).isEqualTo("both");
        }
        LoopDevices.fsckBoth(img, l.data().startBytes(), l.data().sizeBytes(), l.boot().startBytes(), l.boot().sizeBytes());
        if (style == PartitionStyle.GPT) assertThat(Tools.run("sgdisk", "-v", img.toString()).assertOk().stdout()).contains("No problems found");
    }

    @Test
    void consoleIsKeptWhenNotGiven() throws Exception {
        Path img = tmp.resolve("s.img");
        TestSticks.install(img, SIZE, PartitionStyle.MBR, 12);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            new StickUpdater(TestSticks.CLOCK).update(dev, TestSticks.payload(), Console.SERIAL, "0.2.0", ProgressListener.NONE);
            UpdateResult r = new StickUpdater(TestSticks.CLOCK).update(dev, TestSticks.payload(), null, "0.3.0", ProgressListener.NONE);
            assertThat(r.console()).isEqualTo("serial");
        }
    }

    @Test
    void refusesADiskThatIsNotPolyboot() throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.createSparse(tmp.resolve("blank.img"), SIZE)) {
            assertThatThrownBy(() -> new StickUpdater(TestSticks.CLOCK).update(dev, TestSticks.payload(), null, "0.2.0",
                    ProgressListener.NONE)).isInstanceOf(RefusedException.class).hasMessageStartingWith("not a polyboot stick");
        }
    }

    @Test
    void refusesAVentoyStickAndWritesNothing() throws Exception {
        Path img = tmp.resolve("ventoy.img");
        FileBlockDevice.createSparse(img, SIZE).close();
        FakeMachine.ventoy(img);
        String before = TestSticks.sha256(img, 0, SIZE);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            assertThatThrownBy(() -> new StickUpdater(TestSticks.CLOCK).update(dev, TestSticks.payload(), null, "0.2.0",
                    ProgressListener.NONE)).isInstanceOf(RefusedException.class)
                    .hasMessage("not a polyboot stick: it holds Ventoy; update would overwrite its boot loader")
                    .extracting(e -> ((RefusedException) e).hint()).asString().contains("install --force");
        }
        assertThat(TestSticks.sha256(img, 0, SIZE)).as("not one byte written").isEqualTo(before);
    }

    @Test
    void theFenceRefusesWritesIntoTheProtectedRange() throws Exception {
        MemoryBlockDevice mem = new MemoryBlockDevice(8192);
        FencedBlockDevice f = new FencedBlockDevice(mem, 1024, 2048);
        f.write(0, ByteBuffer.wrap(new byte[1024]));
        f.write(3072, ByteBuffer.wrap(new byte[100]));
        assertThatThrownBy(() -> f.write(1000, ByteBuffer.wrap(new byte[25]))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> f.write(3071, ByteBuffer.wrap(new byte[1]))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> f.zero(0, 5000)).isInstanceOf(IOException.class);
    }
}
