package dev.polyboot.core.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.images.PersistenceFiles;
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
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistence file made by {@code persistence create} keeps a Debian live system's files across reboots, proved by
 * the live system itself (the fixture's marker prints what an earlier boot left in /root and leaves a file there), in
 * one QEMU run under BIOS with the stick on xHCI USB: the test resets the machine after each boot's marker (QEMU paused
 * where the stick is checked; a power-off would pause it too, {@code set-action}), so four boots share one QEMU start.
 * <ol>
 *   <li>"with persistence" (the default entry): the helper maps the file read-write (dm), nothing found in /root;</li>
 *   <li>"with persistence" again: the file boot 1 wrote is found;</li>
 *   <li>"without persistence": not found, no persistence line from the helper.</li>
 * </ol>
 * Then, with QEMU paused, independent tools check the stick: {@code fsck.exfat -n} clean, {@code e2fsck -fn} of the
 * persistence file exit 0 and, after the journal replay the next mount would make (on a copy), without a finding, every other file of the data partition with the SHA-256 it had before the boots (read
 * through exfat-fuse). Finally the persistence file's bytes are replaced in place by another ext4 of the same size
 * and label (mke2fs's, without polyboot's header): boot 4 "with persistence" says it is not the file polyboot made and
 * that it boots without it (QEMU is stopped at that line: booting on without persistence is boot 3), and leaves the stick
 * as it was. (A polyboot-made file of the same size with another id and UUID
 * fails on the fingerprint: PbinitHostTest.)
 */
class PersistenceBootTest {
    @TempDir
    static Path dir;

    private static final MenuOptions MENU = MenuOptions.defaults("0.1.0-test").withConsole(Console.SERIAL);
    private static final long PERSISTENCE_BYTES = 128L << 20;
    private static final Pattern MAPPED = Pattern.compile("polyboot: persistence (\\S+) is /dev/(dm-\\d+) \\(dm, read-write\\)");
    /** The fixture's marker, or a failure that is not the helper's persistence message (a tampered file boots on). */
    private static final Pattern OUTCOME = Pattern.compile(Pattern.quote(Fixture.DEBIAN_LIVE.marker())
            + "|Unable to find a medium containing a live file system|Kernel panic - not syncing|\\(initramfs\\) ");

    /** Four Linux boots: BootTest's 15 minutes per test is too short for them on a slow TCG host (5+ minutes each). */
    @BootTest
    @org.junit.jupiter.api.Timeout(value = 35, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aLiveSystemKeepsItsFilesWithPersistenceAndOnlyThere() throws Exception {
        Path iso = LiveIsoFixtures.iso(Fixture.DEBIAN_LIVE);
        Path stick = dir.resolve("persistence.img");
        StickLayout layout = TestSticks.install(stick, LiveIsoBootTest.STICK_BYTES, PartitionStyle.MBR, 61, MENU);
        Target target = new Target.ImageFile(stick);
        ImageLibrary library = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK);
        Path note = Files.writeString(dir.resolve("notes.txt"), "a file that must keep its bytes\n");
        // a short name: the menu's titles (and MenuDriver's look for the highlighted one) must fit in GRUB's 76 columns
        Path live = Files.createSymbolicLink(dir.resolve("live.iso"), iso);
        library.add(target, List.of(live), "/", ProgressListener.NONE);
        library.add(target, List.of(note), "/docs", true, ProgressListener.NONE);
        CatalogEntry e = library.catalog(target).orElseThrow().entries().stream()
                .filter(x -> x.path().endsWith(".iso")).findFirst().orElseThrow();
        long start = System.nanoTime();
        PersistenceFiles.Created made = new PersistenceFiles(library, TestSticks.CLOCK, new Random(61), dir)
                .create(target, e.path(), PERSISTENCE_BYTES, null, ProgressListener.NONE);
        System.out.printf("BOOT-TIMING persistence create %d MiB: %.2f s%n", PERSISTENCE_BYTES >> 20, (System.nanoTime() - start) / 1e9);
        assertThat(made.extents()).as("the persistence file is contiguous").isEqualTo(1);
        String file = made.binding().file();
        String with = CatalogMenu.menuTitle(e.menuEntry()) + CatalogMenu.WITH_PERSISTENCE;
        String without = CatalogMenu.menuTitle(e.menuEntry()) + CatalogMenu.WITHOUT_PERSISTENCE;
        Map<String, String> othersBefore = otherFiles(stick, layout, file);
        assertThat(othersBefore).containsKey("docs/notes.txt");

        // four Linux boots in one session: on a slow TCG host each takes 5+ minutes (LINUX_BOOT bounds each one)
        try (QemuSession vm = BootHarness.boot(QemuOptions.of(stick, Firmware.BIOS).withSnapshot(false).withTimeout(Duration.ofMinutes(30)))) {
            vm.qmpExecute("set-action", Map.of("shutdown", "pause"));

            String boot1 = boot(vm, List.of(with, without), 0, "1 with persistence");
            Matcher m = MAPPED.matcher(boot1);
            assertThat(m.find()).as("the helper mapped the file:\n" + boot1).isTrue();
            assertThat(m.group(1)).isEqualTo(file);
            assertThat(boot1).contains("POLYBOOT-PERSIST none");
            assertThat(boot1).as("live-boot mounted it").containsPattern("POLYBOOT-PERSIST mounts: \\S+ on /run/live/persistence/");
            // the marker synced its file before its line: reset at once (boot 2 replays the journal)
            reset(vm);

            String boot2 = boot(vm, List.of(with, without), 0, "2 with persistence");
            assertThat(boot2).containsPattern(MAPPED);
            assertThat(boot2).as("the file boot 1 left in /root").containsPattern("POLYBOOT-PERSIST found: boot [0-9a-f-]{36}");
            // no clean power-off to wait for: the persistence file system lies under the root overlay, which no shutdown
            // unmounts (measured: needs_recovery stays set after systemd's power-off too, 90 s later); the marker synced
            reset(vm);

            String boot3 = boot(vm, List.of(with, without), 1, "3 without persistence");
            assertThat(boot3).contains("POLYBOOT-PERSIST none");
            assertThat(boot3).doesNotContain("polyboot: persistence");
            vm.qmpExecute("stop", Map.of());

            // QEMU is paused: the stick as the three boots left it, checked by other programs than polyboot's
            LoopDevices.fsckBoth(stick, layout.data().startBytes(), layout.data().sizeBytes(), layout.boot().startBytes(), layout.boot().sizeBytes());
            assertThat(e2fsck(stick, layout, file)).as("e2fsck -fn of the persistence file").contains("persistence: ");
            String replayed = e2fsckAfterJournalReplay(stick, layout, file);
            assertThat(replayed).as("e2fsck -fn after the journal replay the next mount makes").contains("persistence: ")
                    .doesNotContainPattern("(?i)wrong|fix\\?|error");
            assertThat(otherFiles(stick, layout, file)).as("every other file of the data partition").isEqualTo(othersBefore);

            // Tampering: another ext4 file system of the same size and label where the persistence file is
            tamper(stick, layout, file);
            String before = TestSticks.sha256(stick);
            reset(vm);
            // boot 4 ends at the helper's refusal (in the initramfs, before the distribution's init looks for the medium):
            // what follows is boot 3's "without persistence", already proven; a full boot here cost 2-5 minutes of CI
            String refusal = "polyboot: persistence " + file + ": no polyboot persistence header at byte 512: not the file"
                    + " polyboot persistence create made; booting without persistence";
            String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
            assertThat(menu).contains(with);
            MenuDriver.choose(vm, List.of(with, without), 0);
            String boot4 = vm.waitForSerial(Pattern.compile(Pattern.quote(refusal) + "|" + MAPPED.pattern() + "|" + OUTCOME.pattern()),
                    LiveIsoBootTest.LINUX_BOOT);
            BootHarness.reportTiming("boot 4 replaced file: the helper's refusal", Firmware.BIOS, vm);
            vm.qmpExecute("stop", Map.of());
            assertThat(boot4).contains(refusal).doesNotContainPattern(MAPPED);
            assertThat(TestSticks.sha256(stick)).as("the stick after the boot with a replaced file, byte for byte").isEqualTo(before);
        }
        LoopDevices.fsckBoth(stick, layout.data().startBytes(), layout.data().sizeBytes(), layout.boot().startBytes(), layout.boot().sizeBytes());
    }

    /** From the menu to the marker: picks entry {@code index}, returns the serial text of this boot. */
    private static String boot(QemuSession vm, List<String> titles, int index, String what) throws IOException {
        String menu = vm.waitForSerial("Power off", BootHarness.menuTimeout(Firmware.BIOS));
        assertThat(menu).contains(titles.get(0)).contains(titles.get(1));
        MenuDriver.choose(vm, titles, index);
        String serial = vm.waitForSerial(OUTCOME, LiveIsoBootTest.LINUX_BOOT);
        BootHarness.reportTiming("boot " + what, Firmware.BIOS, vm);
        serial.lines().filter(l -> l.contains("polyboot: ") || l.contains("POLYBOOT-"))
                .forEach(l -> System.out.println("BOOT-SERIAL " + what + ": " + l.strip()));
        assertThat(serial).as("boot " + what).contains(Fixture.DEBIAN_LIVE.marker());
        return serial;
    }

    /** Resets the machine (running, stopped, or paused by its power-off) and lets it run. */
    private static void reset(QemuSession vm) throws IOException {
        vm.monitor("system_reset");
        if (!vm.qmpExecute("query-status", Map.of()).path("running").asBoolean(false)) vm.qmpExecute("cont", Map.of());
    }

    /** SHA-256 of every file of the data partition but the persistence file, read through exfat-fuse (read-only). */
    private static Map<String, String> otherFiles(Path stick, StickLayout layout, String persistence) throws Exception {
        Map<String, String> out = new TreeMap<>();
        withMounted(stick, layout, mnt -> {
            try (Stream<Path> s = Files.walk(mnt)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String rel = mnt.relativize(p).toString();
                    if (("/" + rel).equals(persistence)) continue;
                    out.put(rel, TestSticks.sha256(p));
                }
            }
            return null;
        });
        return out;
    }

    /**
     * {@code e2fsck -fn} of the file as the stick holds it (journal not replayed: read-only): exit status 0, unless the
     * journal still holds transactions (the last boot with persistence was reset, as a pulled stick is): then the metadata
     * without them may differ in the blocks the journal rewrites (exit 4, seen once: the ext4 commit was
     * not yet checkpointed when boot 2 was reset), and {@link #e2fsckAfterJournalReplay} is the check that counts.
     */
    private static String e2fsck(Path stick, StickLayout layout, String file) throws Exception {
        Tools.require("e2fsck");
        return withMounted(stick, layout, mnt -> {
            Tools.Result r = Tools.run("e2fsck", "-fn", mnt.resolve(file.substring(1)).toString());
            boolean journalPending = r.stdout().contains("skipping journal recovery");
            assertThat(r.exitCode()).as("e2fsck -fn (journal %s): %s", journalPending ? "pending" : "clean", r.stdout())
                    .isIn(journalPending ? List.of(0, 4) : List.of(0));
            return r.stdout();
        });
    }

    /**
     * A copy of the file with its journal replayed by {@code e2fsck -fy} (what the kernel does at the next mount; exit 0 or
     * 1, "corrected"), then {@code e2fsck -fn} of the copy: its output, exit status 0.
     */
    private static String e2fsckAfterJournalReplay(Path stick, StickLayout layout, String file) throws Exception {
        Path copy = dir.resolve("replayed.ext4");
        withMounted(stick, layout, mnt -> Files.copy(mnt.resolve(file.substring(1)), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        Tools.Result fix = Tools.run("e2fsck", "-fy", copy.toString());
        assertThat(fix.exitCode()).as("e2fsck -fy: " + fix.stdout()).isIn(0, 1);
        return Tools.run("e2fsck", "-fn", copy.toString()).assertOk().stdout();
    }

    /**
     * Overwrites the persistence file's bytes with a fresh mke2fs of the same size and label (a file replaced by another
     * of the same size, as the helper sees it: other bytes where its directory entry points).
     */
    private static void tamper(Path stick, StickLayout layout, String file) throws Exception {
        Path other = dir.resolve("other.ext4");
        try (RandomAccessFile f = new RandomAccessFile(other.toFile(), "rw")) {
            f.setLength(PERSISTENCE_BYTES);
        }
        Tools.run("mke2fs", "-q", "-F", "-t", "ext4", "-L", "persistence", other.toString()).assertOk();
        List<Extent> extents;
        try (BlockDevice disk = FileBlockDevice.open(stick, true)) {
            extents = ExfatVolume.open(StickDisk.read(disk).dataSlice(), TestSticks.CLOCK).extents(file);
        }
        assertThat(extents).hasSize(1);
        long at = layout.data().startBytes() + extents.get(0).deviceOffset();
        try (FileChannel out = FileChannel.open(stick, StandardOpenOption.WRITE); FileChannel in = FileChannel.open(other)) {
            long done = 0;
            while (done < PERSISTENCE_BYTES) done += in.transferTo(done, PERSISTENCE_BYTES - done, out.position(at + done));
            out.force(true);
        }
        // the check the helper will make: exfat-fuse (another exFAT reader) sees other bytes under the same name
        byte[] seen = withMounted(stick, layout, mnt -> {
            byte[] b = new byte[512];
            try (FileChannel ch = FileChannel.open(mnt.resolve(file.substring(1)))) {
                ch.read(ByteBuffer.wrap(b), 512);
            }
            return b;
        });
        assertThat(new String(seen, 0, 16, java.nio.charset.StandardCharsets.US_ASCII)).isNotEqualTo("POLYBOOT-PERSIST");
    }

    private interface OnMount<T> {
        T run(Path mnt) throws Exception;
    }

    private static <T> T withMounted(Path stick, StickLayout layout, OnMount<T> body) throws Exception {
        Tools.require("mount.exfat-fuse");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        String loop = LoopDevices.attachReadOnly(stick, layout.data().startBytes(), layout.data().sizeBytes());
        try {
            Tools.run("mount.exfat-fuse", "-o", "ro", loop, mnt.toString()).assertOk();
            try {
                return body.run(mnt);
            } finally {
                Tools.run("umount", mnt.toString()).assertOk();
            }
        } finally {
            LoopDevices.detach(loop);
        }
    }
}
