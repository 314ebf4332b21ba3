package dev.polyboot.core.secureboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.boot.SecureBootScript;
import dev.polyboot.core.catalog.FamilyLayouts;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (c) on the host: which kernels need a copy signed with the user's key. The certificate built into the
 * payload's shim is Debian's CA; a binary Debian signed (MokManager) passes as it is, an unsigned EFI image does not and
 * gets a copy that sbverify accepts with the user's certificate. Through add: a Linux image whose kernel is unsigned
 * gets its approved copy on the stick, one whose kernel Debian signed gets none.
 */
class KernelApprovalTest {
    static final Path MOK_MANAGER = Path.of("/usr/lib/shim/mmx64.efi.signed");
    @TempDir static Path dir;
    static Path unsignedEfi;

    @BeforeAll
    static void unsignedProgram() throws Exception {
        Tools.require("sbsign");
        Tools.require("xorriso");
        unsignedEfi = dir.resolve("memtest.efi");
        Tools.run("xorriso", "-osirrox", "on", "-indev", "/usr/lib/memtest86+/memtest86+x64.iso", "-extract", "/EFI/BOOT/bootx64.efi",
                unsignedEfi.toString()).assertOk();
        assertThat(Tools.run("sbverify", "--list", unsignedEfi.toString()).stdout()).doesNotContain("signature 1");
    }

    @Test
    void theShimsVendorCertificateIsDebiansCaAndPassesDebianSignedBinariesOnly() throws Exception {
        X509Certificate vendor = ShimVendorCertificate.of(Payload.load().shim()).orElseThrow();
        assertThat(vendor.getSubjectX500Principal().getName()).contains("CN=Debian Secure Boot CA");
        assertThat(ShimVendorCertificate.of(Files.readAllBytes(unsignedEfi))).as("no .vendor_cert section").isEmpty();
        StickSigner signer = new StickSigner(TestKeys.get(), vendor);
        assertThat(signer.approveKernel(Files.readAllBytes(MOK_MANAGER))).as("Debian-signed: boots as it is").isEmpty();
        byte[] copy = signer.approveKernel(Files.readAllBytes(unsignedEfi)).orElseThrow();
        Path signed = Files.write(dir.resolve("memtest.signed.efi"), copy);
        assertThat(Tools.run("sbverify", "--cert", TestKeys.get().certificatePem().toString(), signed.toString()).exitCode()).isZero();
        // and once signed with the user's key it passes as it is too (MokList)
        assertThat(signer.approveKernel(copy)).isEmpty();
    }

    @Test
    void addApprovesAnUnsignedKernelAsASignedCopyAndLeavesADebianSignedOneAlone() throws Exception {
        Path stick = dir.resolve("sb.img");
        SecureBootSticks.install(stick, MenuOptions.defaults("0.1.0-sb").withConsole(Console.SERIAL));
        Path unsignedIso = iso("unsigned", unsignedEfi);
        Path debianIso = iso("debian-signed", MOK_MANAGER);
        SecureBootSticks.library().add(new Target.ImageFile(stick), List.of(unsignedIso, debianIso), "/", ProgressListener.NONE);
        String kernel = ((BootRecipe.Linux) SecureBootSticks.library().catalog(new Target.ImageFile(stick)).orElseThrow()
                .entries().get(0).recipe()).kernel();
        try (FileBlockDevice dev = FileBlockDevice.open(stick, true);
             ExfatVolume data = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            Path copy = dir.resolve("copy.efi");
            try (InputStream in = Channels.newInputStream(data.open(SecureBootScript.approvedKernel("/unsigned.iso", kernel)))) {
                Files.write(copy, in.readAllBytes());
            }
            assertThat(Tools.run("sbverify", "--cert", TestKeys.get().certificatePem().toString(), copy.toString()).exitCode()).isZero();
            assertThat(data.stat(SecureBootScript.approvedKernel("/debian-signed.iso", kernel))).isEmpty();
        }
    }

    /** A Debian live layout whose kernel is {@code kernel}. */
    private static Path iso(String name, Path kernel) throws Exception {
        FamilyLayouts.Layout l = FamilyLayouts.named("debian-live");
        Path tree = Files.createDirectories(dir.resolve("tree-" + name));
        FamilyLayouts.write(l, tree);
        Path iso = dir.resolve(name + ".iso");
        String k = "/live/vmlinuz";
        assertThat(tree.resolve(k.substring(1))).exists();
        Files.copy(kernel, tree.resolve(k.substring(1)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Tools.run("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", l.volumeId(), "-o", iso.toString(), tree.toString()).assertOk();
        return iso;
    }
}
