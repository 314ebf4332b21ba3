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
import dev.polyboot.core.target.Target;
import dev.polyboot.core.target.TargetGuard;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Linux live ISOs (LiveIsoFixtures: Debian live-boot made by live-build, dracut dmsquash-live) on the exFAT data
 * partition of a stick made by our installer, BIOS and UEFI, two ways: written straight into the file system
 * (no catalogue: grub.cfg's runtime scan finds the file and {@link LiveLinuxRecipes} probes it) and added by
 * {@link ImageLibrary#add} (catalogue entry with its generated recipe). Either way GRUB loads kernel + initrd from
 * the ISO, the initramfs finds the ISO file on exFAT by {@code findiso=} / {@code iso-scan/filename=} and
 * mounts its root. Success is the marker line the booted system's systemd unit writes to /dev/ttyS0.
 * Each test is one QEMU run (TCG): the Linux boot dominates, a QMP reset would save only the firmware start.
 */
class LiveIsoBootTest {
    /** DESIGN section 3 measured 140-630 s to userland for a small live ISO under TCG on a loaded host. */
    static final Duration LINUX_BOOT = Duration.ofMinutes(12);
    static final long STICK_BYTES = 3L << 30;
    static final String DRACUT_DIR = "/linux/live";

    @TempDir
    static Path dir;

    @BootTest
    void debianLiveBootsFromExfatOnBiosByRuntimeScan() throws Exception {
        bootToMarker(Fixture.DEBIAN_LIVE, Firmware.BIOS, false);
    }

    @BootTest
    void debianLiveBootsFromExfatOnUefiByRuntimeScan() throws Exception {
        bootToMarker(Fixture.DEBIAN_LIVE, Firmware.UEFI, false);
    }

    @BootTest
    void dracutLiveBootsFromExfatOnBiosByRuntimeScan() throws Exception {
        bootToMarker(Fixture.DRACUT_LIVE, Firmware.BIOS, false);
    }

    @BootTest
    void dracutLiveBootsFromExfatOnUefiByRuntimeScan() throws Exception {
        bootToMarker(Fixture.DRACUT_LIVE, Firmware.UEFI, false);
    }

    @BootTest
    void debianLiveBootsFromExfatOnBiosByCatalogue() throws Exception {
        bootToMarker(Fixture.DEBIAN_LIVE, Firmware.BIOS, true);
    }

    @BootTest
    void debianLiveBootsFromExfatOnUefiByCatalogue() throws Exception {
        bootToMarker(Fixture.DEBIAN_LIVE, Firmware.UEFI, true);
    }

    @BootTest
    void dracutLiveBootsFromExfatOnBiosByCatalogue() throws Exception {
        bootToMarker(Fixture.DRACUT_LIVE, Firmware.BIOS, true);
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

    private static MenuOptions menu() {
        return MenuOptions.defaults("0.1.0-test").withConsole(Console.SERIAL);
    }

    private static void boot(Path stick, String title, Fixture fixture, Firmware firmware, String route) throws IOException {
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, firmware).withTimeout(Duration.ofMinutes(14)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(firmware));
            BootHarness.reportTiming("menu", firmware, vm);
            choose(vm, menu, title);
            vm.waitForSerial(fixture.marker(), LINUX_BOOT);
            BootHarness.reportTiming(title + " (" + route + ") marker from userland", firmware, vm);
        }
    }

    /** Each stick holds one image, which the menu opens on (the default entry): check it is there, press Enter. */
    private static void choose(QemuSession vm, String menu, String title) throws IOException {
        assertThat(menu).as("menu on serial").contains(title);
        MenuDriver.choose(vm, List.of(title), 0);
    }
}
