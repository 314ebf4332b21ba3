package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.payload.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.polyboot.formats.testing.Tools;
import org.junit.jupiter.api.io.TempDir;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EspContentsTest {
    @Test
    void everythingTheBootPartitionNeedsInWritingOrder() throws IOException {
        Payload p = Payload.load();
        MenuOptions o = MenuOptions.defaults("0.1.0").withConsole(Console.SERIAL);
        Map<String, byte[]> files = EspContents.files(p, o);
        assertThat(files.keySet()).containsExactly("/EFI/BOOT/BOOTX64.EFI", "/grub/grub.cfg", "/grub/memdisk",
                "/polyboot/manifest.json", "/polyboot/pbinit.cpio", "/polyboot/VERSION");
        assertThat(files.get("/EFI/BOOT/BOOTX64.EFI")).isEqualTo(p.bootx64Efi());
        assertThat(new String(files.get("/grub/grub.cfg"), StandardCharsets.UTF_8)).isEqualTo(BootMenu.grubCfg(o));
        assertThat(files.get("/grub/memdisk")).isEqualTo(p.memdisk());
        assertThat(files.get("/polyboot/manifest.json")).isEqualTo(p.manifestJson());
        assertThat(new String(files.get("/polyboot/VERSION"), StandardCharsets.UTF_8))
                .startsWith("polyboot 0.1.0\n").contains(p.version()).contains(p.digest());
    }

    /**
     * The helper archive as GNU cpio (the reference newc implementation, what distributions build initrds with) reads
     * it: the directory and the helper, executable, byte for byte; names NUL-terminated (cpio -t would show junk
     * otherwise, and the kernel refuses such archives).
     */
    @Test
    void helperArchiveIsWhatGnuCpioUnpacks(@TempDir Path tmp) throws IOException {
        Tools.require("cpio");
        Payload p = Payload.load();
        byte[] archive = EspContents.files(p, MenuOptions.defaults("0.1.0")).get(EspContents.PBINIT);
        assertThat(archive.length % 512).isZero();
        Path a = Files.write(tmp.resolve("pbinit.cpio"), archive);
        assertThat(Tools.run("sh", "-c", "cpio -t --quiet < " + a).assertOk().stdout().lines().toList())
                .containsExactly("polyboot", "polyboot/init");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Tools.run("sh", "-c", "cd " + out + " && cpio -idm --quiet --no-absolute-filenames < " + a).assertOk();
        assertThat(Files.readAllBytes(out.resolve("polyboot/init"))).isEqualTo(p.pbinit());
        assertThat(Files.isExecutable(out.resolve("polyboot/init"))).isTrue();
        assertThat(Files.isDirectory(out.resolve("polyboot"))).isTrue();
    }

    @Test
    void sameInputsSameBytes() throws IOException {
        MenuOptions o = MenuOptions.defaults("0.1.0");
        Map<String, byte[]> a = EspContents.files(Payload.load(), o);
        Map<String, byte[]> b = EspContents.files(Payload.load(), o);
        for (String k : a.keySet()) assertThat(a.get(k)).as(k).isEqualTo(b.get(k));
    }
}
