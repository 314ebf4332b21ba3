package dev.polyboot.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.images.ImageLibraryTestAccess;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.testing.RecordingBlockDevice;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts during {@code add}, {@code remove} and {@code refresh}: the library runs over a recording device (the
 * test seam {@code ImageLibraryTestAccess.library}), and every prefix of its writes (grouped into steps, see
 * {@link WriteLog}; sampled above {@link CrashTable#MAX_STATES}) is replayed onto the starting stick. Each state must
 * pass fsck.exfat -n / fsck.fat -n / ExfatCheck, keep every file that was on the stick with its SHA-256 (the
 * command's own file may be absent or complete), list every image that was catalogued before (remove: but the
 * removed one), and re-running the same command on it must end in the state an uninterrupted run leaves (same
 * files, same list, clean fsck). A re-run of add that finds the image already there is refused, which counts as a
 * recovery only if that state is already the finished one.
 */
@Tag("slow")
class ImageWritersCrashTest {
    static final long SIZE = 100L << 20;
    @TempDir Path tmp;
    Path stickFile;
    Target stick;
    StickLayout layout;
    byte[] start;

    interface Op {
        void run(ImageLibrary lib, Target stick) throws Exception;
    }

    Path file(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = tmp.resolve(name);
        Files.write(p, b);
        return p;
    }

    @BeforeEach
    void stickWithImages() throws Exception {
        stickFile = tmp.resolve("stick.img");
        layout = TestSticks.install(stickFile, SIZE, PartitionStyle.MBR, 7);
        stick = new Target.ImageFile(stickFile);
        ImageLibraryTestAccess.library(ro -> FileBlockDevice.open(stickFile, ro))
                .add(stick, List.of(file("alpha.iso", 300_000, 1), file("beta.img", 1_100_000, 2)), "/", true, ProgressListener.NONE);
        ImageLibraryTestAccess.library(ro -> FileBlockDevice.open(stickFile, ro))
                .add(stick, List.of(file("gamma.iso", 200_000, 3)), "/linux", true, ProgressListener.NONE);
        start = Files.readAllBytes(stickFile);
    }

    @Test
    void add() throws Exception {
        Path img = file("delta.iso", 1_500_000, 4);
        check("add", (lib, t) -> lib.add(t, List.of(img), "/linux", true, ProgressListener.NONE), Set.of(), "/linux/delta.iso");
    }

    @Test
    void remove() throws Exception {
        check("remove", (lib, t) -> lib.remove(t, "/beta.img"), Set.of("/beta.img"), null);
    }

    @Test
    void refresh() throws Exception {
        // an image put on the stick by another tool: refresh catalogues it
        MemoryBlockDevice mem = new MemoryBlockDevice(start, 512, false);
        byte[] extra = new byte[400_000];
        new Random(5).nextBytes(extra);
        try (ExfatVolume v = ExfatVolume.open(new dev.polyboot.formats.io.SliceBlockDevice(mem, layout.data().startBytes(),
                layout.data().sizeBytes()), TestSticks.CLOCK)) {
            v.writeFile("/epsilon.iso", new ByteArrayInputStream(extra), extra.length);
        }
        check("refresh", (lib, t) -> lib.refresh(t, ProgressListener.NONE), Set.of(), null);
    }

    /**
     * @param mayVanish files the command removes
     * @param added     the file the command adds (may be absent or complete in a state), or null
     */
    void check(String writer, Op op, Set<String> mayVanish, String added) throws Exception {
        long t0 = System.nanoTime();
        MemoryBlockDevice mem = new MemoryBlockDevice(start.clone(), 512, false);
        RecordingBlockDevice rec = new RecordingBlockDevice(mem);
        op.run(ImageLibraryTestAccess.library(ro -> ro ? new MemoryBlockDevice(mem.bytes(), 512, true) : rec), stick);
        byte[] end = mem.bytes().clone();
        WriteLog log = WriteLog.of(rec);
        Map<String, String> before = userFiles(CrashOracles.dataFiles(start, layout));
        Map<String, String> after = userFiles(CrashOracles.dataFiles(end, layout));
        Set<String> cataloguedBefore = list(start).stream().filter(MenuItem::catalogued).map(MenuItem::path).collect(Collectors.toSet());
        List<String> listEnd = listKey(list(end));
        CrashOracles oracles = new CrashOracles(tmp);
        assertThat(oracles.fsck(end, layout)).as(writer + " uninterrupted").isEmpty();

        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int fsckClean = 0, intact = 0, listed = 0, recovered = 0, byRefresh = 0;
        List<Integer> sample = log.sample(CrashTable.MAX_STATES);
        byte[] img = start.clone();
        int at = 0;
        for (int k : sample) {
            while (at < k) log.apply(img, log.steps().get(at++));
            String state = writer + " after step " + k + "/" + log.steps().size();
            List<String> fsck = oracles.fsck(img, layout);
            if (fsck.isEmpty()) fsckClean++;
            else failures.add(state + ": " + fsck);

            Map<String, String> now = CrashOracles.dataFiles(img, layout);
            List<String> bad = new ArrayList<>();
            for (Map.Entry<String, String> e : before.entrySet()) {
                String h = now.get(e.getKey());
                if (!e.getValue().equals(h) && !(h == null && mayVanish.contains(e.getKey()))) bad.add(e.getKey() + " = " + h);
            }
            for (Map.Entry<String, String> e : userFiles(now).entrySet()) {
                if (!before.containsKey(e.getKey()) && !(e.getKey().equals(added) && e.getValue().equals(after.get(added)))) {
                    bad.add("unexpected " + e.getKey());
                }
            }
            if (bad.isEmpty()) intact++;
            else failures.add(state + ": files " + bad);

            try {
                Set<String> shown = list(img).stream().map(MenuItem::path).collect(Collectors.toSet());
                Set<String> hidden = cataloguedBefore.stream().filter(p -> !shown.contains(p) && !mayVanish.contains(p)).collect(Collectors.toSet());
                if (hidden.isEmpty()) listed++;
                else failures.add(state + ": list hides " + hidden);
            } catch (Exception e) {
                failures.add(state + ": list fails: " + e);
            }

            byte[] again = img.clone();
            String outcome;
            try {
                op.run(ImageLibraryTestAccess.library(ro -> new MemoryBlockDevice(again, 512, ro)), stick);
                outcome = "ok";
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
            }
            outcomes.merge(outcome, 1, Integer::sum);
            List<String> why = finished(oracles, again, after, listEnd);
            if (why.isEmpty()) {
                recovered++;
            } else if (outcome.equals("RefusedException")) {
                // add refuses a name already on the stick: a cut between the rename and the catalogue leaves the image
                // listed by the scan but uncatalogued (and, after the catalogue, listed twice); refresh is the remedy
                ImageLibraryTestAccess.library(ro -> new MemoryBlockDevice(again, 512, ro)).refresh(stick, ProgressListener.NONE);
                List<String> still = finished(oracles, again, after, listEnd);
                if (still.isEmpty()) byRefresh++;
                else failures.add(state + ": neither a re-run (refused) nor refresh recovers: " + still);
            } else {
                failures.add(state + ": re-run (" + outcome + ") does not recover: " + why);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        CrashTable.report(new CrashTable.Row(writer, log.writes().size(), log.steps().size(), sample.size(), fsckClean + "/" + sample.size(), intact,
                listed, recovered, "-", ms, "re-run outcomes " + outcomes + (byRefresh > 0 ? ", refused re-runs recovered by refresh " + byRefresh : "") + (sample.size() < log.steps().size() + 1 ? ", sampled" : "")));
        lostWrites(writer, op, log, before, mayVanish, after, listEnd, oracles, failures);
        assertThat(failures).isEmpty();
    }

    /**
     * One lost write (a device that drops a write inside a flush interval and lands the later ones), each write in turn:
     * required, every file that was on the stick before keeps its bytes; reported, fsck.exfat and whether re-running the
     * command ends where an uninterrupted run ends (a lost bitmap write leaves a volume polyboot's write guard refuses
     * until fsck.exfat repairs it: refused, not damaged further).
     */
    void lostWrites(String writer, Op op, WriteLog log, Map<String, String> before, Set<String> mayVanish,
                    Map<String, String> after, List<String> listEnd, CrashOracles oracles, List<String> failures) throws Exception {
        long t0 = System.nanoTime();
        int lost = 0, intact = 0, fsckClean = 0, recovered = 0;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int skip = 0; skip < log.writes().size(); skip++) {
            byte[] state = log.omitting(start, skip);
            lost++;
            String name = writer + " without write " + skip + "/" + log.writes().size();
            Map<String, String> now;
            try {
                now = CrashOracles.dataFiles(state, layout);
            } catch (Exception e) {
                failures.add(name + ": files unreadable: " + e);
                continue;
            }
            List<String> bad = new ArrayList<>();
            for (Map.Entry<String, String> e : before.entrySet()) {
                String h = now.get(e.getKey());
                if (!e.getValue().equals(h) && !(h == null && mayVanish.contains(e.getKey()))) bad.add(e.getKey() + " = " + h);
            }
            if (bad.isEmpty()) intact++;
            else failures.add(name + ": files " + bad);
            if (oracles.fsck(state, layout).isEmpty()) fsckClean++;
            byte[] again = state.clone();
            String outcome;
            try {
                op.run(ImageLibraryTestAccess.library(ro -> new MemoryBlockDevice(again, 512, ro)), stick);
                outcome = "ok";
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName(); // remove: "no such entry" when the lost write was not the delete
            }
            if (finished(oracles, again, after, listEnd).isEmpty()) recovered++;
            outcomes.merge(outcome, 1, Integer::sum);
        }
        CrashTable.report(new CrashTable.Row(writer + ", one write lost", log.writes().size(), lost, lost, fsckClean + "/" + lost,
                intact, -1, recovered, "-", (System.nanoTime() - t0) / 1_000_000, "states = one per recorded write; re-run " + outcomes));
    }

    /** What differs from the state an uninterrupted run leaves (files, list, fsck); empty when none. */
    List<String> finished(CrashOracles oracles, byte[] img, Map<String, String> after, List<String> listEnd) throws Exception {
        List<String> why = new ArrayList<>(oracles.fsck(img, layout));
        if (!userFiles(CrashOracles.dataFiles(img, layout)).equals(after)) why.add("files differ from an uninterrupted run");
        List<String> relisted = listKey(list(img));
        if (!relisted.equals(listEnd)) why.add("list " + relisted + " instead of " + listEnd);
        return why;
    }

    List<MenuItem> list(byte[] img) throws Exception {
        return ImageLibraryTestAccess.library(ro -> new MemoryBlockDevice(img, 512, true)).list(stick);
    }

    static List<String> listKey(List<MenuItem> items) {
        return items.stream().map(i -> i.path() + (i.catalogued() ? " [catalogued]" : "")).toList();
    }

    /** The user's files: neither polyboot's own tree nor partial copies (hidden, removed by the next writer). */
    static Map<String, String> userFiles(Map<String, String> all) {
        Map<String, String> out = new TreeMap<>(all);
        out.keySet().removeIf(p -> p.toLowerCase(java.util.Locale.ROOT).startsWith("/.polyboot/") || p.contains("/.polyboot-partial-"));
        return out;
    }
}
