package dev.polyboot.core.secureboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.payload.Payload;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.pe.PeHeader;
import dev.polyboot.formats.pe.PeReader;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** polyboot's GRUB for Secure Boot: signed with the user's key (sbverify), with the .sbat section shim demands. */
class SignedGrubTest {
    @TempDir static Path tmp;
    static byte[] image;
    static Path file;

    @BeforeAll
    static void build() throws IOException {
        Tools.require("grub-mkstandalone");
        Tools.require("sbsign");
        image = SignedGrub.build(TestKeys.get(), Payload.load(), "0.1.0-test", Payload.BOOT_LABEL);
        file = Files.write(tmp.resolve("grubx64.efi"), image);
    }

    @Test
    void sbverifyAcceptsItWithTheUsersCertificate() {
        Tools.require("sbverify");
        Tools.Result r = Tools.run("sbverify", "--cert", TestKeys.get().certificatePem().toString(), file.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).contains("Signature verification OK");
    }

    @Test
    void peReaderSeesAnEfiAppSignedAndWithSbat() throws IOException {
        PeHeader h = PeReader.read(MemoryBlockDevice.of(image));
        assertThat(h.isEfi()).isTrue();
        assertThat(h.isSigned()).isTrue();
        assertThat(h.hasSection(".sbat")).isTrue();
        Sbat sbat = Sbat.ofImage(image).orElseThrow();
        assertThat(sbat.entries().get(0)).isEqualTo(Sbat.HEADER);
        assertThat(sbat.component("grub").orElseThrow().generation()).isGreaterThanOrEqualTo(5);
        assertThat(sbat.component("grub.debian")).isPresent();
        assertThat(sbat.component("grub.polyboot").orElseThrow().version()).isEqualTo("0.1.0-test");
    }

    @Test
    void sbatMatchesWhatObjcopyExtracts() throws IOException {
        Tools.require("objcopy");
        Path out = tmp.resolve("sbat.bin");
        Tools.run("objcopy", "-O", "binary", "--only-section=.sbat", file.toString(), out.toString()).assertOk();
        assertThat(Sbat.parse(Files.readString(out))).isEqualTo(Sbat.ofImage(image).orElseThrow());
    }

    @Test
    void embeddedConfigPassesGrubScriptCheck() throws IOException {
        Tools.require("grub-script-check");
        Path cfg = Files.writeString(tmp.resolve("embedded.cfg"), dev.polyboot.core.boot.SignedGrubConfig.embeddedCfg(Payload.BOOT_LABEL));
        Tools.run("grub-script-check", cfg.toString()).assertOk();
    }

    @Test
    void noDecompressorOrLinuxefiIsBuiltIn() throws IOException {
        assertThat(SignedGrub.modules(Payload.load())).contains("exfat", "iso9660", "loopback", "efifwsetup", "pgp", "gcry_rsa", "gcry_sha256")
                .doesNotContainAnyElementsOf(SignedGrub.FORBIDDEN_MODULES);
    }

    @Test
    void shimAndMokManagerFromThePayloadCarrySbatToo() throws IOException {
        Payload p = Payload.load();
        assertThat(Sbat.ofImage(p.shim()).orElseThrow().component("shim")).isPresent();
        assertThat(PeReader.read(MemoryBlockDevice.of(p.mokManager())).isSigned()).isTrue();
    }
}
