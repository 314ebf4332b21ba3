package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.exfat.ExfatFormatOptions;
import dev.polyboot.formats.exfat.ExfatFormatter;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.ChannelBlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stick's use case: an ISO stored as a file on our exFAT volume, read in place through its file channel. */
class IsoInsideExfatTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    @TempDir Path tmp;

    @Test
    void readsAnIsoThroughAnExfatFileChannel() throws Exception {
        Path iso = IsoFixtures.xorriso(IsoFixtures.tree(tmp), tmp.resolve("t.iso"), "-R", "-J", "-V", "INNER");
        MemoryBlockDevice stick = new MemoryBlockDevice(16 << 20);
        ExfatFormatter.format(stick, ExfatFormatOptions.defaults("STICK", 1));
        try (ExfatVolume v = ExfatVolume.open(stick, CLOCK)) {
            v.mkdirs("/isos");
            try (InputStream in = Files.newInputStream(iso)) {
                v.writeFile("/isos/t.iso", in, Files.size(iso));
            }
            try (ChannelBlockDevice dev = ChannelBlockDevice.of(v.open("/isos/t.iso"))) {
                assertThat(dev.size()).isEqualTo(Files.size(iso));
                assertThat(dev.isReadOnly()).isTrue();
                assertThatThrownBy(() -> dev.write(0, ByteBuffer.allocate(1))).hasMessageContaining("read-only");
                IsoImage image = IsoImage.read(dev);
                assertThat(image.volumeId()).isEqualTo("INNER");
                IsoEntry cfg = image.lookup("/boot/grub/grub.cfg").orElseThrow();
                assertThat(image.readAll(cfg, 4096))
                        .isEqualTo(Files.readAllBytes(tmp.resolve("tree/boot/grub/grub.cfg")));
                IsoEntry squash = image.lookup("/live/filesystem.squashfs").orElseThrow();
                assertThat(image.readAll(squash, 1 << 20)).isEqualTo(IsoFixtures.pattern(70_000, 2));
            }
        }
    }

    @Test
    void hostFileChannelGivesTheSameBytes() throws Exception {
        Path iso = IsoFixtures.xorriso(IsoFixtures.tree(tmp), tmp.resolve("t.iso"), "-R");
        try (ChannelBlockDevice dev = ChannelBlockDevice.of(Files.newByteChannel(iso))) {
            IsoImage image = IsoImage.read(dev);
            assertThat(image.readAll(image.lookup("/noext").orElseThrow(), 4096)).isEqualTo(IsoFixtures.pattern(2048, 4));
            assertThatThrownBy(() -> image.readAll(image.lookup("/noext").orElseThrow(), 2047))
                    .isInstanceOf(dev.polyboot.formats.UnsupportedLayoutException.class);
        }
    }
}
