package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.BootTest;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures.Fixture;
import dev.polyboot.core.qemu.testing.MenuDriver;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Linux live ISOs (LiveIsoFixtures: Debian live-boot made by live-build, dracut dmsquash-live, both built the way
 * distributions ship them: no exFAT driver in their initrds) on the exFAT data partition of a stick made by our
 * installer, attached as USB storage on xHCI, BIOS and UEFI, two ways: written straight into the file system (no
 * catalogue: grub.cfg's runtime scan finds the file and {@link LiveLinuxRecipes} probes it, the helper finds the file
 * by its path in the exFAT directory) and added by {@link ImageLibrary#add} (catalogue entry with the file's extents
 * and fingerprint). Either way GRUB loads polyboot's initramfs helper and the ISO's kernel + initrd, the helper makes
 * the ISO file a read-only loop device over the data partition ({@code polyboot: ISO ... is /dev/loopN} on the
 * console) and the distribution finds it by its own parameter ({@code live-media=}, {@code root=live:CDLABEL=}).
 * Success is the marker line the booted system's systemd unit writes to /dev/ttyS0, after one line per partition
 * with its holders: the data partition must have none (loop does not claim it; the live system can mount the stick).
 * Each test is one QEMU run (TCG): the Linux boot dominates, a QMP reset would save only the firmware start. Known
 * failure screens end the wait at once.
 */
class LiveIsoBootTest {
    /** DESIGN section 3 measured 140-630 s to userland for a small live ISO under TCG on a loaded host. */
    static final Duration LINUX_BOOT = Duration.ofMinutes(12);
    static final long STICK_BYTES = 3L << 30;
    static final String DRACUT_DIR = "/linux/live";

    @TempDir
    static Path dir;

    /*
     * Each fixture boots once by the runtime scan and once by the catalogue, on opposite firmware, so that every route,
     * firmware and family is booted at least once without a full 2x2x2 matrix (10 Linux boots were a third of CI on a
     * slow TCG host). Debian by the catalogue under BIOS: isoOver4GibBootsFromExfat (the same fixture, re-mastered),
     * also PersistenceBootTest; dracut by the catalogue under BIOS: isoOwnMenuArgumentsAndSubmenuBootTheOverlayDracutIso.
     */

    @BootTest
    void debianLiveBootsFromExfatOnUefiByRuntimeScan() throws Exception {
        bootToMarker(Fixture.DEBIAN_LIVE, Firmware.UEFI, false);
    }

    @BootTest
    void dracutLiveBootsFromExfatOnBiosByRuntimeScan() throws Exception {
        bootToMarker(Fixture.DRACUT_LIVE, Firmware.BIOS, false);
    }

    @BootTest
    void dracutLiveBootsFromExfatOnUefiByCatalogue() throws Exception {
        bootToMarker(Fixture.DRACUT_LIVE, Firmware.UEFI, true);
    }

    /** Everything the boot reads (kernel, initrd, squashfs) lies beyond 4 GiB inside a 4.5 GiB ISO file. */
    @BootTest
    void isoOver4GibBootsFromExfat() throws Exception {
        Path iso = LiveIsoFixtures.bigDebianIso();
        assertThat(Files.size(iso)).isGreaterThan(4L << 30);
        Path stick = dir.resolve("big-stick.img");
        TestSticks.install(stick, (Files.size(iso) + (1L << 30)) & ~((1L << 20) - 1), PartitionStyle.MBR, 44, menu());
        new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).add(new Target.ImageFile(stick), List.of(iso), "/", ProgressListener.NONE);
        boot(stick, iso.getFileName().toString(), Fixture.DEBIAN_LIVE, Firmware.BIOS, "over 4 GiB, catalogue");
    }

    /**
     * A dracut ISO whose root tree is directly in LiveOS/squashfs.img boots only with the ISO's own
     * {@code rd.live.overlay.overlayfs=1} (the family template lacks it: dracut's emergency shell, measured): the
     * catalogue keeps the ISO's arguments and puts its other menu entry in a submenu; that entry ("safe graphics":
     * nomodeset besides the ISO's own arguments) is chosen from the submenu and boots to userland.
     */
    @BootTest
    void isoOwnMenuArgumentsAndSubmenuBootTheOverlayDracutIso() throws Exception {
        Path iso = dir.resolve("ov.iso");
        if (!Files.exists(iso)) Files.createLink(iso, LiveIsoFixtures.dracutOverlayIso());
        Path stick = dir.resolve("overlay.img");
        TestSticks.install(stick, STICK_BYTES, PartitionStyle.MBR, 45, menu());
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK);
        lib.add(new Target.ImageFile(stick), List.of(iso), "/", ProgressListener.NONE);
        CatalogMenuEntry e = lib.catalog(new Target.ImageFile(stick)).orElseThrow().entries().get(0).menuEntry();
        assertThat(((BootRecipe.Linux) e.recipe()).args()).contains("rd.live.overlay.overlayfs=1");
        String main = CatalogMenu.menuTitle(e);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.BIOS).withTimeout(Duration.ofMinutes(14)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            assertThat(menu).contains(main);
            MenuDriver.choose(vm, List.of(main, main + CatalogMenu.MORE_SUFFIX.substring(0, 6)), 1);
            vm.waitForSerial("(safe graphics)", Duration.ofSeconds(60));
            MenuDriver.pause(500);
            vm.sendSerial(dev.polyboot.core.qemu.SerialKeys.ENTER);
            vm.waitForSerial(Pattern.compile(Pattern.quote(Fixture.DRACUT_LIVE.marker()) + "|" + FAILURE.pattern()), LINUX_BOOT);
            String serial = vm.serialText();
            serial.lines().filter(l -> l.contains("polyboot: ") || l.contains("POLYBOOT-HOLDERS") || l.contains("Command line:"))
                    .forEach(l -> System.out.println("BOOT-SERIAL overlay: " + l.strip()));
            if (!serial.contains(Fixture.DRACUT_LIVE.marker())) {
                throw new AssertionError("no marker; serial output's end:\n" + serial.substring(Math.max(0, serial.length() - 4000)));
            }
            BootHarness.reportTiming("dracut overlay ISO, its own 'safe graphics' entry from the submenu, marker", Firmware.BIOS, vm);
            assertThat(serial).as("the kernel got the ISO's own arguments").containsPattern("Command line:.*rd\\.live\\.overlay\\.overlayfs=1.*nomodeset");
        }
    }

    private static void bootToMarker(Fixture fixture, Firmware firmware, boolean catalogue) throws Exception {
        Path stick = stick(fixture, catalogue);
        // add keeps the source name (the cache's NAME-HASH.iso); the catalogue's title is "Family - path".
        String name = catalogue ? LiveIsoFixtures.iso(fixture).getFileName().toString() : fixture.fileName();
        String title = (fixture == Fixture.DRACUT_LIVE ? DRACUT_DIR.substring(1) + "/" : "") + name;
        boot(stick, title, fixture, firmware, catalogue ? "catalogue" : "runtime scan");
    }

    /**
     * One stick per fixture and route (made once per JVM). Catalogue: {@link ImageLibrary#add}, which classifies the
     * ISO and writes the catalogue. Runtime scan: the file written straight into the exFAT file system, as a file
     * manager would, so no catalogue exists and grub.cfg's scan must find and probe it.
     */
    private static synchronized Path stick(Fixture fixture, boolean catalogue) throws Exception {
        Path stick = dir.resolve(fixture.name() + (catalogue ? "-catalogue" : "-scan") + ".img");
        if (Files.exists(stick)) return stick;
        Path iso = LiveIsoFixtures.iso(fixture);
        Path partial = dir.resolve(fixture.name() + ".partial");
        StickLayout layout = TestSticks.install(partial, STICK_BYTES, PartitionStyle.MBR, 43, menu());
        // The dracut ISO goes two folders down: iso-scan/filename= must carry the path inside the data partition.
        String to = fixture == Fixture.DRACUT_LIVE ? DRACUT_DIR : "/";
        if (catalogue) {
            new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).add(new Target.ImageFile(partial), List.of(iso), to, ProgressListener.NONE);
        } else {
            try (FileBlockDevice dev = FileBlockDevice.open(partial, false);
                 ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK);
                 InputStream in = Files.newInputStream(iso)) {
                if (!to.equals("/")) v.mkdirs(to);
                v.writeFile((to.equals("/") ? "" : to) + "/" + fixture.fileName(), in, Files.size(iso));
                v.flush();
            }
        }
        Files.move(partial, stick);
        return stick;
    }

    static MenuOptions menu() {
        return MenuOptions.defaults("0.1.0-test").withConsole(Console.SERIAL);
    }

    private static void boot(Path stick, String title, Fixture fixture, Firmware firmware, String route) throws IOException {
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, firmware).withTimeout(Duration.ofMinutes(14)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(firmware));
            BootHarness.reportTiming("menu", firmware, vm);
            choose(vm, menu, title);
            vm.waitForSerial(Pattern.compile(Pattern.quote(fixture.marker()) + "|" + FAILURE.pattern()), LINUX_BOOT);
            if (!vm.serialText().contains(fixture.marker())) {
                String t = vm.serialText();
                throw new AssertionError("no marker, a failure line instead; serial output's end:\n" + t.substring(Math.max(0, t.length() - 4000)));
            }
            BootHarness.reportTiming(title + " (" + route + ") marker from userland", firmware, vm);
            String serial = vm.serialText();
            serial.lines().filter(l -> l.contains("polyboot: ") || l.contains("POLYBOOT-HOLDERS"))
                    .forEach(l -> System.out.println("BOOT-SERIAL " + title + ": " + l.strip()));
            assertThat(serial).as("polyboot's initramfs helper made the ISO a loop device")
                    .containsPattern("polyboot: ISO \\S+ is /dev/loop\\d+ \\(loop");
            assertThat(serial).as("holders of the stick's data partition inside the booted system")
                    .containsPattern("POLYBOOT-HOLDERS sd[a-z]1: *(\\r?\\n)");
            assertThat(serial).doesNotContainPattern("POLYBOOT-HOLDERS sd[a-z]1: *\\S");
        }
    }

    /**
     * What a Linux boot prints when it will not reach userland: the helper's one-line refusal, live-boot's and
     * dracut's give-up messages, a panic. Waiting the full boot budget after one of these proves nothing more.
     */
    static final Pattern FAILURE = Pattern.compile(helperRefusal() + "|Unable to find a medium containing a live file system"
            + "|Kernel panic - not syncing|Entering emergency mode|dracut-initqueue\\[\\d+\\]: Warning: Could not boot|\\(initramfs\\) ");

    /**
     * The helper's refusal: a whole line starting {@code polyboot: } that is not its success line. The line end is part
     * of the pattern because the serial log is matched while it arrives: without it a half-received success line
     * ("polyboot: IS") passes the look-ahead and a good boot is taken for a refusal.
     */
    static String helperRefusal() {
        return "polyboot: (?!ISO \\S+ is /dev/|persistence [^\\r\\n]* is /dev/dm-\\d+ \\(dm, read-write\\))[^\\r\\n]+[\\r\\n]";
    }

    /** Each stick holds one image, which the menu opens on (the default entry): check it is there, press Enter. */
    private static void choose(QemuSession vm, String menu, String title) throws IOException {
        assertThat(menu).as("menu on serial").contains(title);
        MenuDriver.choose(vm, List.of(title), 0);
    }
}
