package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.boot.SignedGrubConfig;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.secureboot.SecureBootSticks;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stick installed with Secure Boot (issue 12) under OVMF with Secure Boot and Microsoft's keys, on USB: shim opens
 * MokManager while the user's key is not enrolled; enrolment through it, driven by key presses on the serial
 * console, makes shim start polyboot's signed GRUB and the menu appear; a grub.cfg changed after signing is refused.
 * The same stick boots to the menu with Secure Boot off. One enrolment serves the class (about 40 s under TCG).
 */
class SecureBootStickBootTest {
    static final String VERSION = "0.1.0-sb";
    static final String MENU_TITLE = "polyboot " + VERSION + " - choose an image";
    /** MokManager redraws each screen and drops keys sent while it draws (SECURE-BOOT-NOTES §1): wait after each. */
    static final Duration SETTLE = Duration.ofSeconds(4);
    static final Duration SCREEN = Duration.ofSeconds(90);
    /** What GRUB 2.06's verify_detached prints for a file changed after signing (source itself prints nothing). */
    static final String GRUB_BAD_SIGNATURE = "error: bad signature";

    @TempDir static Path dir;
    static Path image;
    static StickLayout layout;
    private static Path enrolledVars;
    private static String enrolment;

    @BeforeAll
    static void install() throws Exception {
        Tools.require("sbsign");
        image = dir.resolve("sb.img");
        layout = SecureBootSticks.install(image, MenuOptions.defaults(VERSION).withConsole(Console.SERIAL));
    }

    /** Boots with nothing enrolled, enrols the stick's certificate through MokManager, waits for the menu; once. */
    static synchronized String enrol() throws IOException {
        if (enrolment != null) return enrolment;
        StringBuilder seen = new StringBuilder();
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(image, Firmware.UEFI).withSecureBoot(true))) {
            seen.append(vm.waitForSerial("Verification failed", BootHarness.menuTimeout(Firmware.UEFI)));
            BootHarness.reportTiming("Secure Boot, nothing enrolled: shim refuses grubx64.efi", Firmware.UEFI, vm);
            press(vm, SerialKeys.ENTER, Duration.ofSeconds(2));                              // shim's error box: OK
            seen.append(vm.waitForSerial("Press any key to perform MOK management", SCREEN));
            press(vm, SerialKeys.ENTER, Duration.ofMillis(500));                             // 10 s countdown
            seen.append(vm.waitForSerial("Enroll key from disk", SCREEN));
            BootHarness.reportTiming("MokManager main menu", Firmware.UEFI, vm);
            press(vm, SerialKeys.DOWN, SETTLE);                                              // Continue boot -> Enroll key from disk
            press(vm, SerialKeys.ENTER, Duration.ofMillis(1500));
            seen.append(vm.waitForSerial("Select Key", SCREEN));
            press(vm, SerialKeys.ENTER, Duration.ofSeconds(3));                              // the one FAT volume
            seen.append(vm.waitForSerial(Pattern.compile("(?i)polyboot\\.cer"), SCREEN));
            press(vm, SerialKeys.DOWN, SETTLE);                                              // EFI/ -> polyboot.cer
            press(vm, SerialKeys.ENTER, Duration.ofMillis(1500));
            seen.append(vm.waitForSerial("View key 0", SCREEN));
            press(vm, SerialKeys.DOWN, SETTLE);                                              // View key 0 -> Continue
            press(vm, SerialKeys.ENTER, Duration.ofMillis(1500));
            seen.append(vm.waitForSerial("Enroll the key", SCREEN));
            press(vm, SerialKeys.DOWN, SETTLE);                                              // No -> Yes
            press(vm, SerialKeys.ENTER, Duration.ofMillis(1500));
            seen.append(vm.waitForSerial("Reboot", SCREEN));
            press(vm, SerialKeys.ENTER, SETTLE);
            BootHarness.reportTiming("MokManager enrolment done, rebooting", Firmware.UEFI, vm);
            seen.append("\n=== after reboot ===\n");
            seen.append(vm.waitForSerial(Pattern.compile(Pattern.quote(SignedGrubConfig.REFUSED_MESSAGE) + "|Power off"),
                    BootHarness.menuTimeout(Firmware.UEFI)));
            BootHarness.reportTiming("Secure Boot, key enrolled through MokManager: polyboot menu (same run)", Firmware.UEFI, vm);
            enrolledVars = dir.resolve("OVMF_VARS.enrolled.fd");
            vm.copyFirmwareVars(enrolledVars);
        }
        enrolment = seen.toString();
        return enrolment;
    }

    @BootTest
    void beforeEnrolmentShimOpensMokManagerAndAfterEnrolmentTheMenuAppears() throws IOException {
        String log = enrol();
        String before = log.substring(0, log.indexOf("=== after reboot ==="));
        String after = log.substring(log.indexOf("=== after reboot ==="));
        assertThat(before).contains("Verification failed", "Enroll key from disk");
        assertThat(after).contains(MENU_TITLE).doesNotContain(SignedGrubConfig.REFUSED_MESSAGE);
    }

    @BootTest
    void withTheKeyEnrolledTheMenuAppearsAndATamperedMenuIsRefused() throws Exception {
        enrol();
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(image, Firmware.UEFI).withSecureBoot(true).withFirmwareVars(enrolledVars))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("Secure Boot, key enrolled: polyboot menu", Firmware.UEFI, vm);
            System.out.println("ENROLLED-MENU serial output:\n" + vm.serialText());
            assertThat(menu).contains(MENU_TITLE).doesNotContain("Verification failed");
        }
        Path tampered = dir.resolve("tampered.img");
        Tools.run("cp", "--sparse=always", image.toString(), tampered.toString()).assertOk();
        // "# polyboot ..." -> "# Polyboot ...": a comment, so only the signature can tell
        SecureBootSticks.tamper(tampered, layout, EspContents.GRUB_CFG, 2, (byte) 'P');
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(tampered, Firmware.UEFI).withSecureBoot(true).withFirmwareVars(enrolledVars))) {
            String out = vm.waitForSerial(Pattern.compile(Pattern.quote(SignedGrubConfig.REFUSED_MESSAGE) + "|" + Pattern.quote(MENU_TITLE)),
                    BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("Secure Boot, tampered grub.cfg refused", Firmware.UEFI, vm);
            System.out.println("TAMPERED-GRUB-CFG serial output:\n" + vm.serialText());
            assertThat(out).endsWith(SignedGrubConfig.REFUSED_MESSAGE);
            assertThat(vm.serialText()).contains(GRUB_BAD_SIGNATURE);
            assertThat(vm.serialText()).doesNotContain(MENU_TITLE);
        }
    }

    @BootTest
    void withSecureBootOffShimStartsTheSignedGrubAndTheMenuAppears() throws IOException {
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(image, Firmware.UEFI))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("Secure Boot off, Secure Boot stick: polyboot menu", Firmware.UEFI, vm);
            assertThat(menu).contains(MENU_TITLE).doesNotContain("Verification failed", SignedGrubConfig.REFUSED_MESSAGE);
        }
    }

    private static void press(QemuSession vm, String key, Duration after) throws IOException {
        try {
            Thread.sleep(after.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QemuException("interrupted", e);
        }
        vm.sendSerial(key);
    }
}
