package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header's facts file is the environment block grub-editenv (GRUB 2.06's own tool) writes for the same variable. */
class MenuFactsTest {
    @Test
    void envBlockIsGrubEditenvs(@TempDir Path tmp) throws IOException {
        Path oracle = tmp.resolve("oracle.env");
        Tools.run("grub-editenv", oracle.toString(), "create").assertOk();
        Tools.run("grub-editenv", oracle.toString(), "set", "pb_free=2.9 GiB").assertOk();
        MenuFacts f = new MenuFacts(3_113_851_290L);
        assertThat(f.free()).isEqualTo("2.9 GiB");
        assertThat(f.envBlock()).isEqualTo(Files.readAllBytes(oracle));
        // and grub-editenv reads ours back
        Path ours = Files.write(tmp.resolve("ours.env"), new MenuFacts(512).envBlock());
        assertThat(Tools.run("grub-editenv", ours.toString(), "list").assertOk().stdout()).isEqualTo("pb_free=512 bytes\n");
    }

    @Test
    void negativeFreeSpaceIsRefused() {
        assertThatThrownBy(() -> new MenuFacts(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
