package dev.polyboot.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name under /dev that does not exist is a mistyped disk, never a new image file (it would be a RAM-backed file that
 * vanishes at reboot, reported as "installed"): refused, however the path is written, and nothing is created.
 */
class TargetResolverTest {
    static final String ABSENT = "polyboot-test-no-such-disk";

    @Test
    void anAbsentDiskNameIsRefusedAndNothingIsCreated(@TempDir Path tmp) throws Exception {
        Path link = tmp.resolve("devlink");
        Files.createSymbolicLink(link, Path.of("/dev"));
        for (String arg : new String[] {"/dev/" + ABSENT, "/tmp/../dev/" + ABSENT, link.resolve(ABSENT).toString()}) {
            assertThatThrownBy(() -> TargetResolver.system().resolve(arg)).as(arg)
                    .isInstanceOf(RefusedException.class).hasMessageContaining("no such disk");
        }
        assertThat(Path.of("/dev", ABSENT)).doesNotExist();
    }

    @Test
    void anAbsentFileElsewhereIsANewImage(@TempDir Path tmp) throws Exception {
        Path img = tmp.resolve("stick.img");
        assertThat(TargetResolver.system().resolve(img.toString())).isEqualTo(new Target.ImageFile(img));
        assertThat(TargetResolver.system().resolve(tmp.resolve("devices.img").toString())).isInstanceOf(Target.ImageFile.class);
    }
}
