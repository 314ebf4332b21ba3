package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.install.LoopDevices;
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
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * What polyboot's initramfs helper must do besides the happy path (LiveIsoBootTest), each proved by one BIOS boot of
 * the Debian live fixture (no exFAT driver in its initrd) from a stick on xHCI USB:
 * a fragmented copy (written interleaved with another file by exfat-fuse, an independent exFAT writer) is mapped
 * through device-mapper (or, where the initrd has no dm_mod, the helper says so in one line); an ISO whose bytes
 * changed after {@code add} is never mapped and the stick is left as it was; two identical sticks attached at once
 * are refused. A refusal shows on the console as one line {@code polyboot: WHAT: WHY}, and the wait ends there.
 */
class IsoDeviceBootTest {
    @TempDir
    static Path dir;

    private static final MenuOptions MENU = MenuOptions.defaults("0.1.0-test").withConsole(Console.SERIAL);

    @BootTest
    void fragmentedCopyIsMappedThroughDeviceMapper() throws Exception {
        Path iso = LiveIsoFixtures.iso(Fixture.DEBIAN_LIVE);
        Path stick = dir.resolve("fragmented.img");
        StickLayout layout = TestSticks.install(stick, LiveIsoBootTest.STICK_BYTES, PartitionStyle.MBR, 51, MENU);
        writeInterleaved(stick, layout, iso, "live.iso", "filler.bin");
        Catalog c = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).refresh(new Target.ImageFile(stick), ProgressListener.NONE);
        CatalogEntry e = c.entries().stream().filter(x -> x.path().equals("/live.iso")).findFirst().orElseThrow();
        assertThat(e.mapping()).as("catalogue mapping of the fragmented file").isNotNull();
        assertThat(e.mapping().runs()).as("runs of the file written interleaved").hasSizeGreaterThan(1);

        try (QemuSession vm = boot(stick, "live.iso")) {
            String serial = waitForMarkerOrRefusal(vm);
            if (serial.contains(Fixture.DEBIAN_LIVE.marker())) {
                assertThat(serial).containsPattern("polyboot: ISO \\S+ is /dev/dm-\\d+ \\(dm, \\d+ extents");
                assertThat(serial).as("dm-linear claims the data partition").containsPattern("POLYBOOT-HOLDERS sd[a-z]1: *dm-\\d+");
            } else {
                assertThat(serial).as("without dm_mod the helper says so").containsPattern("polyboot: [^\\r\\n]*device-mapper");
            }
        }
    }

    @BootTest
    void isoChangedAfterAddIsNotMappedAndTheStickStaysAsItWas() throws Exception {
        Path iso = LiveIsoFixtures.iso(Fixture.DEBIAN_LIVE);
        Path stick = dir.resolve("changed.img");
        StickLayout layout = TestSticks.install(stick, LiveIsoBootTest.STICK_BYTES, PartitionStyle.MBR, 52, MENU);
        new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).add(new Target.ImageFile(stick), List.of(iso), "/", ProgressListener.NONE);
        Catalog c = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).catalog(new Target.ImageFile(stick)).orElseThrow();
        CatalogEntry e = c.entries().get(0);
        // Same size, other bytes: the volume id in the primary volume descriptor (32 KiB + 40) is rewritten in place.
        // GRUB still finds kernel and initrd (it reads the directory tree, not the volume id).
        long pvd = layout.data().startBytes() + e.mapping().runs().get(0).offset() + 32768;
        try (FileChannel ch = FileChannel.open(stick, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("REPLACED_BY_ANOTHER_IMAGE       ".getBytes(StandardCharsets.US_ASCII)), pvd + 40);
        }
        String before = sha256(stick);
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.BIOS).withSnapshot(false).withTimeout(Duration.ofMinutes(10)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            assertThat(menu).contains(e.path().substring(1));
            MenuDriver.choose(vm, List.of(e.path().substring(1)), 0);
            String serial = waitForMarkerOrRefusal(vm);
            assertThat(serial).doesNotContain(Fixture.DEBIAN_LIVE.marker());
            assertThat(serial).containsPattern("polyboot: [^\\r\\n]*fingerprint");
            assertThat(serial).doesNotContainPattern("polyboot: ISO \\S+ is /dev/");
        }
        assertThat(sha256(stick)).as("the stick after the boot, byte for byte").isEqualTo(before);
        LoopDevices.fsckBoth(stick, layout.data().startBytes(), layout.data().sizeBytes(), layout.boot().startBytes(), layout.boot().sizeBytes());
    }

    @BootTest
    void twoIdenticalSticksAreRefused() throws Exception {
        Path iso = LiveIsoFixtures.iso(Fixture.DEBIAN_LIVE);
        Path stick = dir.resolve("original.img");
        TestSticks.install(stick, LiveIsoBootTest.STICK_BYTES, PartitionStyle.MBR, 53, MENU);
        new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).add(new Target.ImageFile(stick), List.of(iso), "/", ProgressListener.NONE);
        Path copy = dir.resolve("dd-copy.img");
        Tools.run("cp", "--sparse=always", stick.toString(), copy.toString()).assertOk();
        String title = iso.getFileName().toString();
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.BIOS).withExtraStick(copy).withTimeout(Duration.ofMinutes(10)))) {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            assertThat(menu).contains(title);
            MenuDriver.choose(vm, List.of(title), 0);
            String serial = waitForMarkerOrRefusal(vm);
            assertThat(serial).doesNotContain(Fixture.DEBIAN_LIVE.marker());
            assertThat(serial).containsPattern("polyboot: [^\\r\\n]*(two|2) (devices|partitions)");
        }
    }

    private static QemuSession boot(Path stick, String title) throws IOException {
        QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.BIOS).withTimeout(Duration.ofMinutes(14)));
        try {
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            assertThat(menu).contains(title);
            MenuDriver.choose(vm, List.of(title), 0);
            return vm;
        } catch (IOException | RuntimeException | Error t) {
            vm.close();
            throw t;
        }
    }

    /** Waits for the fixture's marker, the helper's refusal or another known failure; returns all serial output. */
    private static String waitForMarkerOrRefusal(QemuSession vm) throws IOException {
        vm.waitForSerial(Pattern.compile(Pattern.quote(Fixture.DEBIAN_LIVE.marker()) + "|" + LiveIsoBootTest.FAILURE.pattern()), LiveIsoBootTest.LINUX_BOOT);
        BootHarness.reportTiming("helper outcome", Firmware.BIOS, vm);
        String serial = vm.serialText();
        serial.lines().filter(l -> l.contains("polyboot: ") || l.contains("POLYBOOT-HOLDERS"))
                .forEach(l -> System.out.println("BOOT-SERIAL " + l.strip()));
        return serial;
    }

    /**
     * Writes {@code iso} as {@code /name} through exfat-fuse (the exFAT driver of another project, mounted over an offset
     * loop device of the data partition), 32 MiB at a time, interleaved with 1 MiB appends to {@code /filler}, so that
     * runs of the ISO's clusters alternate with the filler's: a fragmented file as another OS would leave it.
     */
    static void writeInterleaved(Path stick, StickLayout layout, Path iso, String name, String filler) throws Exception {
        Tools.require("mount.exfat-fuse");
        Path mnt = Files.createDirectories(dir.resolve("mnt-" + name));
        String loop = Tools.run("losetup", "-f", "--show", "-o", Long.toString(layout.data().startBytes()), "--sizelimit",
                Long.toString(layout.data().sizeBytes()), stick.toString()).assertOk().stdout().trim();
        try {
            Tools.run("mount.exfat-fuse", loop, mnt.toString()).assertOk();
            try (InputStream in = Files.newInputStream(iso);
                 OutputStream a = Files.newOutputStream(mnt.resolve(name));
                 OutputStream b = Files.newOutputStream(mnt.resolve(filler))) {
                byte[] buf = new byte[32 << 20];
                byte[] pad = new byte[1 << 20];
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    a.write(buf, 0, n);
                    a.flush();
                    b.write(pad);
                    b.flush();
                }
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        } finally {
            LoopDevices.detach(loop);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
