package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.StockGrubSticks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * OVMF with Secure Boot enforced (DESIGN §4): Debian's Microsoft-signed shim + signed GRUB boot,
 * an unsigned GRUB is refused. Both directions, so the test cannot pass with Secure Boot off.
 */
class SecureBootTest {
    static final Path SHIM = Path.of("/usr/lib/shim/shimx64.efi.signed");
    static final Path SIGNED_GRUB = Path.of("/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed");

    @TempDir Path dir;

    @BootTest
    void signedShimAndGrubBoot() throws IOException {
        BootHarness.requireFile(SHIM, "shim-signed");
        BootHarness.requireFile(SIGNED_GRUB, "grub-efi-amd64-signed");
        // the signed GRUB reads its config from (ESP)/EFI/debian/grub.cfg
        Path cfg = Files.writeString(dir.resolve("grub.cfg"), StockGrubBootTest.MARKER_CFG);
        Path stick = StockGrubSticks.esp(dir.resolve("signed.img"), Map.of(
                "/EFI/BOOT/BOOTX64.EFI", SHIM, "/EFI/BOOT/grubx64.efi", SIGNED_GRUB, "/EFI/debian/grub.cfg", cfg));
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.UEFI).withSecureBoot(true))) {
            vm.waitForSerial("POLYBOOT-QEMU-OK", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("shim + signed GRUB marker (Secure Boot)", Firmware.UEFI, vm);
        }
    }

    @BootTest
    void unsignedGrubIsRefused() throws IOException {
        Path stick = StockGrubSticks.uefi(dir, StockGrubBootTest.MARKER_CFG);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.UEFI).withSecureBoot(true))) {
            String seen = vm.waitForSerial(Pattern.compile("Access Denied|POLYBOOT-QEMU-OK"), BootHarness.menuTimeout(Firmware.UEFI));
            assertThat(seen).endsWith("Access Denied");
        }
    }
}
