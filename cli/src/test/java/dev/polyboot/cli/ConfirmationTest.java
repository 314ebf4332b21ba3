package dev.polyboot.cli;

import dev.polyboot.core.api.TargetDescription;
import dev.polyboot.core.device.DeviceLister;
import dev.polyboot.core.device.FakeMachine;
import dev.polyboot.core.device.SysBlock;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.formats.testing.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text before "Type the device name": the disk and what is on it now (the same reading as
 * {@code polyboot devices}), so that a Ventoy stick or a disk with data is recognised before it is erased. Golden
 * files under {@code cli/src/test/resources/golden/confirm/} (regenerate as in {@link DevicesCommandTest}).
 */
class ConfirmationTest {
    @TempDir
    static Path tmp;
    static Path root;

    @BeforeAll
    static void machine() throws Exception {
        root = FakeMachine.build(tmp);
    }

    @Test
    void erasingAVentoyStickShowsVentoyAndItsPartitions() throws Exception {
        Golden.check(summary("sdc", "erasing"), "cli", "golden/confirm/erasing-ventoy.txt");
    }

    @Test
    void updatingAPolybootStickShowsItsVersion() throws Exception {
        Golden.check(summary("sdb", "updating"), "cli", "golden/confirm/updating-polyboot.txt");
    }

    @Test
    void erasingAFixedDiskShowsItsFileSystemsAndMounts() throws Exception {
        Golden.check(summary("sda", "erasing"), "cli", "golden/confirm/erasing-system.txt");
    }

    private static String summary(String name, String action) throws Exception {
        Target.Device d = new Target.Device(Path.of("/dev", name), new SysBlock(root.resolve("sys")).byName(name).orElseThrow());
        return ConfirmationPrompt.summary(TargetDescription.of(d, DeviceLister.under(root, TestSticks.CLOCK).describe(name)), action);
    }
}
