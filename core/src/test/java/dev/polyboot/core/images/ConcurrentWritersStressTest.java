package dev.polyboot.core.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.StickLocks;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two polyboot processes writing one stick at once (the fault-injection finding H2): 20 runs each of add ∥ add,
 * add ∥ refresh and add ∥ remove, this JVM against a child JVM started at the same moment. After every run
 * fsck.exfat -n passes on the data partition and every file added so far is there with its SHA-256, or the second
 * command was refused with the lock's message. Prints runs, overlaps (the lock serialised the two) and refusals.
 */
@Tag("slow")
class ConcurrentWritersStressTest {
    static final int RUNS = 20;
    @TempDir
    Path tmp;

    @Test
    void twoProcessesNeverCorruptTheStick() throws Exception {
        Path img = tmp.resolve("s.img");
        StickLayout layout = TestSticks.install(img, 256L << 20, PartitionStyle.MBR, 7);
        Path lockDir = tmp.resolve("locks");
        ImageLibrary lib = new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK, "0.1.0-test",
                new StickLocks(lockDir, StickLocks.DEFAULT_WAIT));
        Target stick = new Target.ImageFile(img);
        Map<String, String> expected = new LinkedHashMap<>(); // path on the stick → sha256
        int overlaps = 0;
        int refusals = 0;
        int runs = 0;
        long t0 = System.nanoTime();
        for (String kind : List.of("add", "refresh", "remove")) {
            for (int k = 0; k < RUNS; k++) {
                Path mine = file("p-" + kind + k + ".img", k);
                String removed = null;
                String[] op;
                if (kind.equals("add")) {
                    op = new String[] {"add", file("c-" + kind + k + ".img", 1000 + k).toString()};
                } else if (kind.equals("refresh")) {
                    op = new String[] {"refresh"};
                } else {
                    Path victim = file("r-" + k + ".img", 2000 + k);
                    lib.add(stick, List.of(victim), "/", true, ProgressListener.NONE);
                    removed = "/" + victim.getFileName();
                    op = new String[] {"remove", removed};
                }
                String childResult;
                long start;
                long end;
                try (StickProcess child = new StickProcess(lockDir, StickLocks.DEFAULT_WAIT.toMillis(), img, op)) {
                    assertThat(child.line()).isEqualTo("ready");
                    child.go();
                    start = System.currentTimeMillis();
                    try {
                        AddResult r = lib.add(stick, List.of(mine), "/", true, ProgressListener.NONE);
                        assertThat(r.complete()).as(r.toString()).isTrue();
                        expected.put("/" + mine.getFileName(), TestSticks.sha256(mine));
                    } catch (RefusedException e) {
                        assertThat(e.getMessage()).matches("another polyboot \\(pid \\d+, \\w+\\) is writing to this stick .*; wait for it to finish");
                        refusals++;
                    }
                    end = System.currentTimeMillis();
                    childResult = child.line();
                    assertThat(child.finish()).as(childResult).isZero();
                }
                assertThat(childResult).matches("(OK|REFUSED) \\d+ \\d+.*");
                String[] f = childResult.split(" ");
                long cStart = Long.parseLong(f[1]);
                long cEnd = Long.parseLong(f[2]);
                if (cStart < end && start < cEnd) overlaps++;
                if (childResult.startsWith("REFUSED")) {
                    assertThat(childResult).contains("is writing to this stick").endsWith("wait for it to finish");
                    refusals++;
                } else if (kind.equals("add")) {
                    Path theirs = Path.of(op[1]);
                    expected.put("/" + theirs.getFileName(), TestSticks.sha256(theirs));
                } else if (removed != null) {
                    expected.remove(removed);
                }
                if (removed != null && childResult.startsWith("REFUSED")) expected.put(removed, null); // still there
                ImageLibraryTest.LoopDevicesOracle.fsckData(img, layout);
                check(img, layout, expected, removed, childResult.startsWith("OK"));
                runs++;
            }
        }
        System.out.printf("stress: %d runs, %d overlapping, %d refused, %.1f s%n", runs, overlaps, refusals,
                (System.nanoTime() - t0) / 1e9);
        assertThat(runs).isEqualTo(3 * RUNS);
    }

    private static void check(Path img, StickLayout layout, Map<String, String> expected, String removed, boolean removeRan)
            throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             ExfatVolume v = ExfatVolume.open(new SliceBlockDevice(dev, layout.data().startBytes(), layout.data().sizeBytes()),
                     TestSticks.CLOCK)) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(v.stat(e.getKey())).as(e.getKey()).isPresent();
                if (e.getValue() != null) {
                    assertThat(TestSticks.sha256(Channels.newInputStream(v.open(e.getKey())))).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            if (removed != null && removeRan) assertThat(v.stat(removed)).as(removed).isEmpty();
        }
    }

    private Path file(String name, long seed) throws Exception {
        byte[] b = new byte[1_000_000 + new Random(seed).nextInt(1_000_000)];
        new Random(seed * 31 + 7).nextBytes(b);
        return Files.write(tmp.resolve(name), b);
    }
}
