package dev.polyboot.core.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTest {
    /** MBR stick: core.img from LBA 1 up to the data partition at LBA 2048. */
    static final long MBR_GAP_SECTORS = 2047;
    /** GPT stick: the BIOS-boot partition (EF02) spans LBA 34..2047. */
    static final long GPT_EF02_SECTORS = 2047 - 34 + 1;

    @Test
    void loadsAllFilesAndTheManifestMatchesThem() throws IOException {
        Payload p = Payload.load();
        assertThat(p.entries()).extracting(PayloadEntry::name)
                .containsExactly(Payload.BOOT_IMG, Payload.CORE_IMG, Payload.BOOTX64_EFI, Payload.MEMDISK, Payload.PBINIT,
                        Payload.SHIM, Payload.MOK_MANAGER);
        for (PayloadEntry e : p.entries()) {
            assertThat(p.file(e.name())).hasSize((int) e.size());
            assertThat(Payload.sha256(p.file(e.name()))).isEqualTo(e.sha256());
        }
        assertThat(p.version()).startsWith("grub 2.").contains("payload " + p.digest().substring(0, 12));
    }

    @Test
    void coreImgFitsTheMbrGapAndTheGptBiosBootPartition() throws IOException {
        long sectors = (Payload.load().coreImg().length + 511) / 512;
        assertThat(sectors).isLessThanOrEqualTo(GPT_EF02_SECTORS).isLessThanOrEqualTo(MBR_GAP_SECTORS);
    }

    @Test
    void bootImgIsGrubsMbrSector() throws IOException {
        byte[] boot = Payload.load().bootImg();
        assertThat(boot).hasSize(512);
        assertThat(boot[510]).isEqualTo((byte) 0x55);
        assertThat(boot[511]).isEqualTo((byte) 0xAA);
    }

    @Test
    void efiLoaderIsAPeImage() throws IOException {
        byte[] efi = Payload.load().bootx64Efi();
        assertThat(new String(efi, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("MZ");
    }

    /** The menu's "UEFI firmware settings" runs fwsetup: in the EFI GRUB (and so in the signed one, built from the same list), not the BIOS one. */
    @Test
    void efiGrubHasTheFirmwareSettingsModule() throws IOException {
        Payload p = Payload.load();
        assertThat(p.grubModulesEfi()).contains("efifwsetup", "password_pbkdf2", "loadenv");
        // the header's free space (load_env) on both
        assertThat(new String(p.manifestJson(), StandardCharsets.UTF_8)).containsPattern("\"grubModulesPc\": \"[^\"]*loadenv")
                .doesNotContainPattern("\"grubModulesPc\": \"[^\"]*efifwsetup");
        // grub-mkimage stores the modules uncompressed in the EFI image: each names itself
        assertThat(new String(p.bootx64Efi(), StandardCharsets.ISO_8859_1)).contains("efifwsetup");
    }

    @Test
    void manifestVersionsAreTheInstalledDebianPackages() throws IOException {
        Tools.require("dpkg-query");
        for (PayloadEntry e : Payload.load().entries()) {
            String installed = Tools.run("dpkg-query", "-W", "-f=${Version}", e.debianPackage()).assertOk().stdout();
            assertThat(e.packageVersion()).as(e.name()).isEqualTo(installed);
        }
    }

    @Test
    void aFileThatDoesNotMatchTheManifestIsRefused() throws IOException {
        Payload p = Payload.load();
        Map<String, byte[]> files = new HashMap<>();
        for (PayloadEntry e : p.entries()) files.put(e.name(), p.file(e.name()));
        files.get(Payload.MEMDISK)[100] ^= 1;
        assertThatThrownBy(() -> Payload.of(files, p.manifestJson())).isInstanceOf(IOException.class).hasMessageContaining("memdisk");
    }

    @Test
    void returnedBytesAreCopies() throws IOException {
        Payload p = Payload.load();
        p.coreImg()[0] ^= 1;
        assertThat(Payload.sha256(p.coreImg())).isEqualTo(p.entries().get(1).sha256());
    }
}
