package dev.polyboot.formats.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volumes made by mke2fs, read back: type as blkid names it, label and UUID as given to mke2fs. */
class ExtSuperblockTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ext2", "ext3", "ext4"})
    void readsWhatMke2fsWrote(String type) throws Exception {
        Tools.require("mke2fs");
        Tools.require("blkid");
        Path img = tmp.resolve(type + ".img");
        FileBlockDevice.createSparse(img, 16L << 20).close();
        UUID uuid = UUID.fromString("0f0e0d0c-0b0a-0908-0706-050403020100");
        Tools.run("mke2fs", "-q", "-F", "-t", type, "-L", "label-" + type, "-U", uuid.toString(), img.toString()).assertOk();
        Optional<ExtSuperblock> sb;
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            sb = ExtSuperblock.read(dev);
        }
        assertThat(sb).isPresent();
        assertThat(sb.get().type()).isEqualTo(type)
                .isEqualTo(Tools.run("blkid", "-p", "-o", "value", "-s", "TYPE", img.toString()).stdout().trim());
        assertThat(sb.get().label()).isEqualTo("label-" + type);
        assertThat(sb.get().uuid()).isEqualTo(uuid);
    }

    @Test
    void noMagicNoSuperblockAndTooSmallIsNotExt() throws Exception {
        assertThat(ExtSuperblock.read(MemoryBlockDevice.of(new byte[4096]))).isEmpty();
        assertThat(ExtSuperblock.read(MemoryBlockDevice.of(new byte[1536]))).isEmpty();
    }
}
