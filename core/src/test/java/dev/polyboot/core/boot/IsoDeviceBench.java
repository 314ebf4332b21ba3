package dev.polyboot.core.boot;

import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuSession;
import dev.polyboot.core.qemu.testing.BootHarness;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures;
import dev.polyboot.core.qemu.testing.LiveIsoFixtures.Fixture;
import dev.polyboot.core.qemu.testing.MenuDriver;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for bench/iso-device-boot (never assertions; runs only with -Dpolyboot.bench=true): QEMU start to the
 * userland marker through polyboot's initramfs helper (stock Debian live fixture, no exFAT driver) against the old
 * route ({@code findiso=}, the same ISO built with exfat.ko in its initrd, given by -Dpolyboot.bench.exfatIso),
 * BIOS and UEFI; the helper's own time in the booted kernel's clock (stick attached to ISO device made); and what the
 * mapping adds to {@code add} (extents + fingerprint).
 */
@EnabledIfSystemProperty(named = "polyboot.bench", matches = "true")
class IsoDeviceBench {
    @TempDir
    static Path dir;

    private static final Pattern HELPER = Pattern.compile("\\[\\s*([0-9.]+)\\] polyboot: ISO \\S+ is /dev/");
    private static final Pattern ATTACHED = Pattern.compile("\\[\\s*([0-9.]+)\\] sd [0-9:]+: \\[sd[a-z]\\] Attached SCSI (removable )?disk");

    @Test
    void helperRouteAgainstFindiso() throws Exception {
        Path stock = LiveIsoFixtures.iso(Fixture.DEBIAN_LIVE);
        Path exfat = Path.of(System.getProperty("polyboot.bench.exfatIso"));
        Path helperStick = stick("helper.img", stock, false);
        Path oldStick = stick("findiso.img", exfat, true);
        for (Firmware fw : List.of(Firmware.BIOS, Firmware.UEFI)) {
            double helper = boot(helperStick, stock, fw, "helper route (live-media=/dev/polyboot/iso)");
            double old = boot(oldStick, exfat, fw, "old route (findiso=, exfat.ko in the initrd)");
            System.out.printf("BENCH %s QEMU start -> userland marker: helper %.1f s, findiso %.1f s, ratio %.2f%n", fw, helper, old, helper / old);
        }
        Catalog c = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).catalog(new Target.ImageFile(helperStick)).orElseThrow();
        long t0 = System.nanoTime();
        try (FileBlockDevice src = FileBlockDevice.open(stock, true)) {
            for (int i = 0; i < 10; i++) IsoFingerprint.of(src);
        }
        double fp = (System.nanoTime() - t0) / 10e6;
        System.out.printf("BENCH add: what the mapping adds, fingerprint of a %d MiB ISO: %.2f ms (%d run recorded)%n", Files.size(stock) >> 20, fp,
                c.entries().get(0).mapping().runs().size());
    }

    /** A stick with {@code iso} added; {@code oldRoute}: its catalogue line rewritten to the pre-helper findiso= recipe. */
    private static Path stick(String name, Path iso, boolean oldRoute) throws Exception {
        Path stick = dir.resolve(name);
        StickLayout layout = TestSticks.install(stick, LiveIsoBootTest.STICK_BYTES, PartitionStyle.MBR, 61, LiveIsoBootTest.menu());
        long t0 = System.nanoTime();
        new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).add(new Target.ImageFile(stick), List.of(iso), "/", ProgressListener.NONE);
        System.out.printf("BENCH add of %s (%d MiB): %.1f s%n", iso.getFileName(), Files.size(iso) >> 20, (System.nanoTime() - t0) / 1e9);
        if (!oldRoute) return stick;
        Catalog c = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).catalog(new Target.ImageFile(stick)).orElseThrow();
        CatalogEntry e = c.entries().get(0);
        BootRecipe.Linux l = (BootRecipe.Linux) e.recipe();
        CatalogMenuEntry old = new CatalogMenuEntry(e.path(), e.title(), e.size(), e.family(),
                new BootRecipe.Linux(l.kernel(), l.initrds(), List.of("boot=live", "components", "findiso=${iso}"), l.modes()));
        byte[] cfg = CatalogMenu.cfg(List.of(old), c.data()).getBytes(StandardCharsets.UTF_8);
        try (FileBlockDevice dev = FileBlockDevice.open(stick, false);
             ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()), TestSticks.CLOCK)) {
            v.delete(CatalogMenu.CFG);
            v.writeFile(CatalogMenu.CFG, new ByteArrayInputStream(cfg), cfg.length);
            v.flush();
        }
        return stick;
    }

    private static double boot(Path stick, Path iso, Firmware fw, String route) throws Exception {
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, fw).withTimeout(Duration.ofMinutes(14)))) {
            vm.waitForSerial("Power off", BootHarness.menuTimeout(fw));
            MenuDriver.choose(vm, List.of(iso.getFileName().toString()), 0);
            vm.waitForSerial(Fixture.DEBIAN_LIVE.marker(), LiveIsoBootTest.LINUX_BOOT);
            double s = Duration.between(vm.startedAt(), java.time.Instant.now()).toMillis() / 1000.0;
            String serial = vm.serialText();
            Matcher h = HELPER.matcher(serial);
            Matcher a = ATTACHED.matcher(serial);
            if (h.find() && a.find()) {
                System.out.printf("BENCH %s %s: stick attached at %s s, ISO device made at %s s (kernel clock): helper %.2f s after the stick%n",
                        fw, route, a.group(1), h.group(1), Double.parseDouble(h.group(1)) - Double.parseDouble(a.group(1)));
            }
            System.out.printf("BENCH %s %s: QEMU start -> marker %.1f s%n", fw, route, s);
            return s;
        }
    }
}
