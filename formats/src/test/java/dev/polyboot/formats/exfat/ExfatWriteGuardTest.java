package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polyboot.formats.InconsistentVolumeException;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The write guard: an inconsistent volume refuses every change and not one byte of the image changes. */
class ExfatWriteGuardTest {
    @TempDir Path tmp;

    interface Damage {
        void apply(Path img) throws IOException;
    }

    static Damage damage(String name) {
        return switch (name) {
            case "bitmap bits cleared" -> img -> HostileExfat.clearBitmapBits(img, "/dir/b.bin");
            case "bitmap zeroed" -> HostileExfat::zeroBitmap;
            case "cross-link" -> img -> HostileExfat.crossLink(img, "/dir/sub/c.txt", "/a.bin");
            case "main boot sector" -> HostileExfat::damageMainBootSector;
            case "directory at root" -> img -> HostileExfat.directoryAtRoot(img, "/dir/sub");
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitmap bits cleared", "bitmap zeroed", "cross-link", "main boot sector", "directory at root"})
    void everyChangeIsRefusedAndNothingIsWritten(String what) throws IOException {
        Path img = HostileExfat.build(tmp.resolve("v.img"));
        damage(what).apply(img);
        String before = HostileExfat.sha256(img);
        byte[] content = ExfatVolumeTest.bytes(70_000, 9);
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK)) {
            InconsistentVolumeException e = catchThrowableOfType(
                    () -> v.writeFile("/new.bin", new ByteArrayInputStream(content), content.length), InconsistentVolumeException.class);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("refusing to write").contains("fsck.exfat (exfatprogs)");
            assertThat(e.problems()).isNotEmpty();
            refused(() -> v.mkdirs("/x"));
            refused(() -> v.delete("/a.bin"));
            refused(() -> v.rename("/a.bin", "/renamed with a much longer name.bin"));
            refused(() -> v.replace("/a.bin", "/dir/b.bin"));
        }
        assertThat(HostileExfat.sha256(img)).as("image after refused writes and close").isEqualTo(before);
    }

    interface Call {
        void run() throws IOException;
    }

    static void refused(Call c) {
        assertThat(catchThrowableOfType(c::run, InconsistentVolumeException.class)).isNotNull();
    }

    @Test
    void consistentVolumeIsCheckedOncePerSession() throws IOException {
        Path img = HostileExfat.build(tmp.resolve("v.img"));
        try (FileBlockDevice d = FileBlockDevice.open(img, false); ExfatVolume v = ExfatVolume.open(d, ExfatVolumeTest.CLOCK)) {
            assertThat(v.guardReport()).isNull();
            v.mkdirs("/new");
            ExfatCheckReport first = v.guardReport();
            assertThat(first.findings()).isEmpty();
            v.writeFile("/new/f", new ByteArrayInputStream(new byte[10]), 10);
            assertThat(v.guardReport()).isSameAs(first);
        }
        assertThat(ExfatCheckTest.check(img).findings()).isEmpty();
    }
}
