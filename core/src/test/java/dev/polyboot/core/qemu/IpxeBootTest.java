package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;

/**
 * Debian's iPXE ISO (an image none of our code made) booted as a USB stick. It is isohybrid: an
 * MBR for BIOS, El Torito with an EFI image that OVMF finds on the USB disk.
 */
class IpxeBootTest {
    static final Path IPXE_ISO = Path.of("/usr/lib/ipxe/ipxe.iso");
    static final Pattern BANNER = Pattern.compile("iPXE [0-9][^\\n]*Open Source Network Boot Firmware");

    @BeforeAll
    static void isohybrid() throws IOException {
        BootHarness.requireFile(IPXE_ISO, "ipxe");
        try (RandomAccessFile f = new RandomAccessFile(IPXE_ISO.toFile(), "r")) {
            byte[] mbr = new byte[512];
            f.readFully(mbr);
            assertThat(mbr[510] & 0xff).as("MBR signature byte 510").isEqualTo(0x55);
            assertThat(mbr[511] & 0xff).as("MBR signature byte 511").isEqualTo(0xaa);
            assertThat(mbr[0x1be + 4] & 0xff).as("partition 1 type").isNotZero();
        }
    }

    @BootTest
    void biosShowsBannerOnScreen() throws IOException {
        // iPXE under SeaBIOS writes to the VGA text screen only, not to serial.
        try (QemuSession vm = BootHarness.boot(IPXE_ISO, Firmware.BIOS)) {
            String screen = vm.waitForScreenText(BANNER, BootHarness.menuTimeout(Firmware.BIOS));
            BootHarness.reportTiming("ipxe.iso banner (screen)", Firmware.BIOS, vm);
            assertThat(screen).contains("iPXE initialising devices");
        }
    }

    @BootTest
    void uefiShowsBannerOnSerial() throws IOException {
        // OVMF mirrors the EFI text console, which iPXE writes to, onto the serial port.
        try (QemuSession vm = BootHarness.boot(IPXE_ISO, Firmware.UEFI)) {
            vm.waitForSerial(BANNER, BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("ipxe.iso banner (serial)", Firmware.UEFI, vm);
            assertThat(vm.rawSerialText()).as("raw text still has OVMF's escape sequences").contains("\u001b[");
        }
    }
}
