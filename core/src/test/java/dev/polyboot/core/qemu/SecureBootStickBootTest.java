package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.BootMenu;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.boot.SecureBootScript;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures;
import dev.polyboot.core.qemu.testing.MenuDriver;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.iso.IsoImage;
import java.nio.file.Files;
import java.util.List;
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

    /** What a live boot prints when it will not reach userland (as LiveIsoBootTest's list; whole lines of polyboot's refusals). */
    static final String LIVE_FAILURE = "polyboot: (?!ISO \\S+ is /dev/)[^\\r\\n]+[\\r\\n]|Unable to find a medium containing a live file system"
            + "|Kernel panic - not syncing|\\(initramfs\\) ";

    @TempDir static Path dir;
    static final Path IPXE = Path.of("/usr/lib/ipxe/ipxe.iso");
    static Path image;
    static StickLayout layout;
    private static Path enrolledVars;
    private static String enrolment;

    @BeforeAll
    static void install() throws Exception {
        Tools.require("sbsign");
        image = dir.resolve("sb.img");
        layout = SecureBootSticks.install(image, MenuOptions.defaults(VERSION).withConsole(Console.SERIAL));
        // iPXE boots by its own EFI program: add approves it (a copy signed with the user's key)
        SecureBootSticks.library().add(new Target.ImageFile(image), List.of(IPXE), "/", ProgressListener.NONE);
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

    /**
     * With the key enrolled the menu appears, and iPXE (its EFI program approved at add: the copy signed with the user's
     * key) starts under Secure Boot: shim checks that signature when GRUB chainloads it. Then a changed grub.cfg is
     * refused.
     */
    @BootTest
    void withTheKeyEnrolledTheMenuAppearsAnApprovedEfiProgramBootsAndATamperedMenuIsRefused() throws Exception {
        enrol();
        List<String> titles = SecureBootSticks.library().list(new Target.ImageFile(image)).stream().map(MenuItem::title).toList();
        assertThat(titles).hasSize(1);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(image, Firmware.UEFI).withSecureBoot(true).withFirmwareVars(enrolledVars))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("Secure Boot, key enrolled: polyboot menu", Firmware.UEFI, vm);
            System.out.println("ENROLLED-MENU serial output:\n" + vm.serialText());
            assertThat(menu).contains(MENU_TITLE, titles.get(0)).doesNotContain("Verification failed");
            // through the search: its list (search.cfg) is sourced under Secure Boot only with its signature
            MenuDriver.choose(vm, List.of(titles.get(0), dev.polyboot.core.boot.CatalogSearch.TITLE), 1);
            vm.waitForSerial(dev.polyboot.core.boot.CatalogSearch.PROMPT, Duration.ofSeconds(60));
            vm.sendSerial("IPXE" + SerialKeys.ENTER);
            String found = vm.waitForSerial(titles.get(0), Duration.ofSeconds(60));
            BootHarness.reportTiming("Secure Boot, search submenu with the match", Firmware.UEFI, vm);
            assertThat(found).doesNotContain(dev.polyboot.core.boot.CatalogSearch.REFUSED_TITLE);
            MenuDriver.choose(vm, titles, 0);
            String out = vm.waitForSerial(Pattern.compile(IpxeBootTest.BANNER.pattern() + "|Back to the menu"), Duration.ofMinutes(3));
            assertThat(out).as("iPXE under Secure Boot; serial output:\n%s", vm.serialText()).containsPattern(IpxeBootTest.BANNER);
            BootHarness.reportTiming("Secure Boot, approved iPXE EFI program: banner", Firmware.UEFI, vm);
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

    /**
     * Issue 12 phase 2, one Secure Boot VM: two copies of the Debian live fixture added with the test keys (initrds and
     * catalogue signed at add); in the first copy one byte of the initrd inside the ISO is changed on the stick. GRUB
     * refuses it with polyboot's line and the menu comes back; the second copy (Debian-signed kernel through shim, initrd
     * and helper archive checked with verify_detached) boots to the fixture's userland marker under Secure Boot. Then,
     * VM closed, one byte of catalog.cfg is changed: the next boot refuses the catalogue with its message and the images
     * show as not approved.
     */
    @BootTest
    void withTheKeyEnrolledTheDebianLiveFixtureBootsAndATamperedInitrdOrMenuIsRefused() throws Exception {
        enrol();
        Path iso = LiveIsoFixtures.iso(LiveIsoFixtures.Fixture.DEBIAN_LIVE);
        Path stick = dir.resolve("sb-live.img");
        SecureBootSticks.install(stick, MenuOptions.defaults(VERSION).withConsole(Console.SERIAL), 1L << 30);
        Path src = Files.createDirectories(dir.resolve("live-src"));
        Path tamperedIso = Files.createSymbolicLink(src.resolve("a-tampered.iso"), iso);
        Path goodIso = Files.createSymbolicLink(src.resolve("b-debian.iso"), iso);
        Path program = Files.createSymbolicLink(src.resolve("a0-memtest.iso"), Path.of("/usr/lib/memtest86+/memtest86+x64.iso"));
        Path declined = Files.createSymbolicLink(src.resolve("a1-declined.iso"), Path.of("/usr/lib/memtest86+/memtest86+x64.iso"));
        ImageLibrary lib = SecureBootSticks.library();
        Target target = new Target.ImageFile(stick);
        lib.add(target, List.of(tamperedIso, program, declined, goodIso), "/", ProgressListener.NONE);
        lib.setConfig(target, "secureBoot./a1-declined.iso", "false", ProgressListener.NONE);
        BootRecipe.Linux recipe = (BootRecipe.Linux) lib.catalog(target).orElseThrow().entries().get(0).recipe();
        String initrd = recipe.initrds().get(0);
        assertThat(SecureBootSticks.exists(stick, SecureBootScript.approvedKernel("/b-debian.iso", recipe.kernel())))
                .as("a Debian-signed kernel boots as it is: no copy").isFalse();
        long initrdOffset;
        try (FileBlockDevice isoDev = FileBlockDevice.open(iso, true)) {
            initrdOffset = IsoImage.read(isoDev).lookup(initrd).orElseThrow().startOffset();
        }
        SecureBootSticks.tamperData(stick, "/a-tampered.iso", initrdOffset + 4096);
        SecureBootSticks.tamperData(stick, SecureBootScript.approvedProgram("/a0-memtest.iso"), 8192);
        List<String> images = lib.list(target).stream().map(MenuItem::title).toList();
        assertThat(images).hasSize(4);
        // the menu as drawn: each live image has its "other boot entries" submenu under it
        List<String> titles = List.of(images.get(0), images.get(0) + CatalogMenu.MORE_SUFFIX, images.get(1), images.get(2), images.get(3));

        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.UEFI).withSecureBoot(true)
                .withFirmwareVars(enrolledVars).withTimeout(Duration.ofMinutes(14)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("Secure Boot, live stick: polyboot menu", Firmware.UEFI, vm);
            assertThat(menu).contains(images.toArray(String[]::new));
            assertThat(flat(menu)).doesNotContain(flat(BootMenu.CATALOG_REFUSED));
            MenuDriver.choose(vm, titles, 0);
            String refused;
            try {
                // pb_fail's second line ends the message; the console wraps long lines at 80 columns
                refused = vm.waitForSerial("Back to the menu", Duration.ofMinutes(5)).replaceAll("\\s+", "");
            } catch (QemuTimeoutException e) {
                throw new AssertionError("no refusal; serial output:\n" + vm.serialText(), e);
            }
            System.out.println("SB-TAMPERED-INITRD serial output:\n" + refused);
            assertThat(refused).contains(flat("error: bad signature"), flat(titles.get(0) + ": " + initrd + " failed its signature check"));
            BootHarness.reportTiming("Secure Boot, tampered initrd refused", Firmware.UEFI, vm);
            assertThat(refused).contains(flat(SecureBootScript.APPROVE_HINT));
            vm.waitForSerial("Power off", Duration.ofSeconds(60));
            BootHarness.reportTiming("Secure Boot, menu back after the refusal", Firmware.UEFI, vm);
            // an image whose approved EFI program (memtest86+'s, signed at add) was changed on the stick since:
            // shim refuses the copy, one line, and the menu returns
            MenuDriver.choose(vm, titles, 2);
            String programMessage = flat(vm.waitForSerial("Back to the menu", Duration.ofMinutes(2)));
            assertThat(programMessage).contains(flat(images.get(1) + ": its approved EFI program did not start"));
            vm.waitForSerial("Power off", Duration.ofSeconds(60));
            BootHarness.reportTiming("Secure Boot, EFI program refused, menu back", Firmware.UEFI, vm);
            // the same program, declined by the user (secureBoot false): its own line, and the menu returns
            MenuDriver.choose(vm, titles, 3);
            String declinedMessage = flat(vm.waitForSerial("Back to the menu", Duration.ofMinutes(2)));
            assertThat(declinedMessage).contains(flat(images.get(2) + ": you declined it for Secure Boot"));
            vm.waitForSerial("Power off", Duration.ofSeconds(60));
            BootHarness.reportTiming("Secure Boot, declined image: message, menu back", Firmware.UEFI, vm);
            MenuDriver.choose(vm, titles, 4);
            vm.waitForSerial(Pattern.compile(Pattern.quote(LiveIsoFixtures.Fixture.DEBIAN_LIVE.marker()) + "|"
                    + LIVE_FAILURE), Duration.ofMinutes(12));
            String serial = vm.serialText();
            if (!serial.contains(LiveIsoFixtures.Fixture.DEBIAN_LIVE.marker())) {
                throw new AssertionError("no marker; serial output's end:\n" + serial.substring(Math.max(0, serial.length() - 4000)));
            }
            BootHarness.reportTiming("Secure Boot, Debian live fixture: userland marker", Firmware.UEFI, vm);
            serial.lines().filter(l -> l.contains("polyboot: ") || l.toLowerCase(java.util.Locale.ROOT).contains("secure boot"))
                    .forEach(l -> System.out.println("SB-LIVE-SERIAL: " + l.strip()));
            assertThat(serial).as("the kernel ran with Secure Boot on").containsPattern("(?i)secure ?boot.*enabled");
            assertThat(serial).as("polyboot's initramfs helper made the ISO a loop device")
                    .containsPattern("polyboot: ISO \\S+ is /dev/loop\\d+ \\(loop");
        }

        // catalog.cfg: its first byte '#' -> '$' (a comment no longer): only the signature can tell it changed
        SecureBootSticks.tamperData(stick, CatalogMenu.CFG, 0);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.UEFI).withSecureBoot(true).withFirmwareVars(enrolledVars))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            BootHarness.reportTiming("Secure Boot, tampered catalog.cfg refused, menu", Firmware.UEFI, vm);
            assertThat(flat(menu)).contains(flat(BootMenu.CATALOG_REFUSED), "a-tampered.iso", "b-debian.iso");
            // without the catalogue the files are listed as copied by hand: not approved
            MenuDriver.choose(vm, List.of(BootMenu.CATALOG_REFUSED_TITLE, "a-tampered.iso"), 1);
            String unapproved = flat(vm.waitForSerial("Back to the menu", Duration.ofMinutes(2)));
            assertThat(unapproved).contains(flat("a-tampered.iso: not approved for Secure Boot yet; " + SecureBootScript.APPROVE_HINT));
            vm.waitForSerial("Power off", Duration.ofSeconds(60));
            BootHarness.reportTiming("Secure Boot, file not approved: message, menu back", Firmware.UEFI, vm);
        }
    }

    /**
     * Issue 12 (c): the Debian live fixture with its kernel's signature removed (sbattach --remove), i.e. a kernel shim
     * does not trust, added twice: add approves it as a copy signed with the user's key (beside the image's initrd
     * signatures). One byte of the first copy's approved kernel changed on the stick ⇒ shim refuses it, one line, the
     * menu returns; the second's kernel runs under Secure Boot (its "Secure boot enabled" line; the live chain above
     * boots a userland already).
     */
    @BootTest
    void withTheKeyEnrolledAKernelNotSignedByDebianBootsAsItsApprovedCopyAndAChangedCopyIsRefused() throws Exception {
        enrol();
        Path fixture = LiveIsoFixtures.iso(LiveIsoFixtures.Fixture.DEBIAN_LIVE);
        Path unsignedIso = unsignedKernel(fixture, dir.resolve("unsigned-kernel.iso"));
        Path stick = dir.resolve("sb-unsigned.img");
        SecureBootSticks.install(stick, MenuOptions.defaults(VERSION).withConsole(Console.SERIAL), 1L << 30);
        Path src = Files.createDirectories(dir.resolve("unsigned-src"));
        Path changed = Files.createSymbolicLink(src.resolve("a-changed.iso"), unsignedIso);
        Path good = Files.createSymbolicLink(src.resolve("b-unsigned.iso"), unsignedIso);
        ImageLibrary lib = SecureBootSticks.library();
        Target target = new Target.ImageFile(stick);
        lib.add(target, List.of(changed, good), "/", ProgressListener.NONE);
        String kernel = ((BootRecipe.Linux) lib.catalog(target).orElseThrow().entries().get(0).recipe()).kernel();
        SecureBootSticks.tamperData(stick, SecureBootScript.approvedKernel("/a-changed.iso", kernel), 8192);
        List<String> images = lib.list(target).stream().map(MenuItem::title).toList();
        assertThat(images).hasSize(2);
        List<String> titles = List.of(images.get(0), images.get(0) + CatalogMenu.MORE_SUFFIX, images.get(1));
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.UEFI).withSecureBoot(true)
                .withFirmwareVars(enrolledVars).withTimeout(Duration.ofMinutes(12)))) {
            vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.UEFI));
            MenuDriver.choose(vm, titles, 0);
            String refused = flat(vm.waitForSerial("Back to the menu", Duration.ofMinutes(3)));
            System.out.println("SB-CHANGED-KERNEL serial output:\n" + refused);
            assertThat(refused).contains(flat(images.get(0) + ": its kernel did not start (under Secure Boot: shim refused its signature"));
            BootHarness.reportTiming("Secure Boot, changed approved kernel refused", Firmware.UEFI, vm);
            vm.waitForSerial("Power off", Duration.ofSeconds(60));
            MenuDriver.choose(vm, titles, 2);
            // the kernel shim accepted runs: its own Secure Boot line is enough (the chain above boots the userland)
            Pattern started = Pattern.compile("(?i)secureboot: Secure boot enabled");
            vm.waitForSerial(Pattern.compile(started.pattern() + "|" + LIVE_FAILURE + "|Back to the menu"), Duration.ofMinutes(10));
            String serial = vm.serialText();
            if (!started.matcher(serial).find()) {
                throw new AssertionError("the approved kernel did not start; serial output's end:\n"
                        + serial.substring(Math.max(0, serial.length() - 4000)));
            }
            BootHarness.reportTiming("Secure Boot, kernel approved as a signed copy: kernel running", Firmware.UEFI, vm);
            assertThat(serial.substring(serial.lastIndexOf("Back to the menu"))).as("the second image's kernel: no refusal")
                    .doesNotContain("bad shim signature");
        }
    }

    /** The ISO with every {@code /live/vmlinuz*} replaced by the same kernel without its signature (xorriso, sbattach). */
    static Path unsignedKernel(Path iso, Path out) throws Exception {
        if (Files.exists(out)) return out;
        List<String> kernels = Tools.run("xorriso", "-indev", iso.toString(), "-find", "/live", "-name", "vmlinuz*").assertOk()
                .stdout().lines().map(l -> l.strip().replace("'", "")).filter(l -> l.startsWith("/live/")).toList();
        assertThat(kernels).isNotEmpty();
        Path k = dir.resolve("kernel-unsigned.efi");
        Tools.run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", kernels.get(kernels.size() - 1), k.toString()).assertOk();
        k.toFile().setWritable(true);
        Tools.run("sbattach", "--remove", k.toString()).assertOk();
        assertThat(Tools.run("sbverify", "--list", k.toString()).stdout() + "").doesNotContain("signature 1");
        List<String> cmd = new java.util.ArrayList<>(List.of("xorriso", "-indev", iso.toString(), "-outdev", out.toString(),
                "-boot_image", "any", "replay"));
        for (String path : kernels) cmd.addAll(List.of("-map", k.toString(), path));
        cmd.add("-commit");
        Tools.run(cmd.toArray(String[]::new)).assertOk();
        return out;
    }

    /** Without white space: the serial console wraps long lines (at the terminal's width, also inside words). */
    static String flat(String s) {
        return s.replaceAll("\\s+", "");
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
