package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.payload.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EspContentsTest {
    @Test
    void everythingTheBootPartitionNeedsInWritingOrder() throws IOException {
        Payload p = Payload.load();
        MenuOptions o = MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL);
        Map<String, byte[]> files = EspContents.files(p, o);
        assertThat(files.keySet()).containsExactly("/EFI/BOOT/BOOTX64.EFI", "/grub/grub.cfg", "/grub/memdisk",
                "/polyboot/manifest.json", "/polyboot/VERSION");
        assertThat(files.get("/EFI/BOOT/BOOTX64.EFI")).isEqualTo(p.bootx64Efi());
        assertThat(new String(files.get("/grub/grub.cfg"), StandardCharsets.UTF_8)).isEqualTo(BootMenu.grubCfg(o));
        assertThat(files.get("/grub/memdisk")).isEqualTo(p.memdisk());
        assertThat(files.get("/polyboot/manifest.json")).isEqualTo(p.manifestJson());
        assertThat(new String(files.get("/polyboot/VERSION"), StandardCharsets.UTF_8))
                .startsWith("polyboot 0.1.0\n").contains(p.version()).contains(p.digest());
    }

    @Test
    void sameInputsSameBytes() throws IOException {
        MenuOptions o = MenuOptions.defaults("0.1.0");
        Map<String, byte[]> a = EspContents.files(Payload.load(), o);
        Map<String, byte[]> b = EspContents.files(Payload.load(), o);
        for (String k : a.keySet()) assertThat(a.get(k)).as(k).isEqualTo(b.get(k));
    }
}
