package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.exfat.ExfatFinding.Kind;
import dev.polyboot.formats.exfat.ExfatFinding.Severity;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.testing.RecordingBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts in the middle of an operation: every write of {@code add} (writeFile + rename), delete and
 * replace is logged, and every prefix of the log is replayed onto a copy of the starting image. Each state must
 * pass fsck.exfat -n (exfatprogs 1.2.0 calls extra bitmap bits, i.e. lost clusters, and a set VolumeDirty clean,
 * and fails on clusters in use marked free, cross-links and loops), have no ExfatCheck ERROR, and hold every
 * file with its old or new content. A second pass drops one single write (a write the device lost while later
 * ones landed): we cannot promise consistency there, only that untouched files survive, no two entries share
 * clusters, and whatever damage remains is an ERROR our write guard refuses to write on. A write is only
 * dropped from states that end before the next flush (the writer's barriers), since a flush returns only once
 * the writes before it are durable. About 50 states, 1–2 s in all: no sampling needed.
 */
class ExfatCrashStateTest {
    static final String ABSENT = "absent";
    @TempDir Path tmp;

    interface Op {
        void run(ExfatVolume v) throws IOException;
    }

    static final byte[] NEW = ExfatVolumeTest.bytes(150_000, 77);

    static void write(ExfatVolume v, String path, byte[] content) throws IOException {
        v.writeFile(path, new ByteArrayInputStream(content), content.length);
    }

    /** What every state must hold: path → acceptable content hashes (or ABSENT). */
    static Map<String, Set<String>> expect(Map<String, Set<String>> changed) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        HostileExfat.FILES.forEach((p, c) -> m.put(p, Set.of(HostileExfat.sha256(c))));
        m.putAll(changed);
        return m;
    }

    int states;
    int omitted;
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> omitErrors = new TreeMap<>();

    @Test
    void everyPrefixOfEveryOperationLeavesAConsistentVolume() throws IOException {
        Tools.require("fsck.exfat");
        byte[] start = Files.readAllBytes(HostileExfat.build(tmp.resolve("start.img")));
        String nu = HostileExfat.sha256(NEW);
        String oldB = HostileExfat.sha256(HostileExfat.FILES.get("/dir/b.bin"));
        long t0 = System.nanoTime();
        run("add (writeFile + rename to a shorter name)", start, v -> {
            write(v, "/dir/.polyboot-partial-new image.iso", NEW);
            v.rename("/dir/.polyboot-partial-new image.iso", "/dir/new image.iso");
        }, expect(Map.of("/dir/.polyboot-partial-new image.iso", Set.of(ABSENT, nu), "/dir/new image.iso", Set.of(ABSENT, nu))),
                Map.of("/dir/.polyboot-partial-new image.iso", ABSENT, "/dir/new image.iso", nu));
        run("move to another directory, longer name", start, v -> v.rename("/dir/sub/c.txt", "/c moved with a long name.txt"),
                expect(Map.of("/dir/sub/c.txt", Set.of(ABSENT, HostileExfat.sha256(HostileExfat.FILES.get("/dir/sub/c.txt"))),
                        "/c moved with a long name.txt", Set.of(ABSENT, HostileExfat.sha256(HostileExfat.FILES.get("/dir/sub/c.txt"))))),
                Map.of("/dir/sub/c.txt", ABSENT, "/c moved with a long name.txt", HostileExfat.sha256(HostileExfat.FILES.get("/dir/sub/c.txt"))));
        run("delete", start, v -> v.delete("/dir/b.bin"), expect(Map.of("/dir/b.bin", Set.of(ABSENT, oldB))),
                Map.of("/dir/b.bin", ABSENT));
        run("replace (catalogue update)", start, v -> {
            write(v, "/dir/.b.bin.new", NEW);
            v.replace("/dir/.b.bin.new", "/dir/b.bin");
        }, expect(Map.of("/dir/.b.bin.new", Set.of(ABSENT, nu), "/dir/b.bin", Set.of(oldB, nu))),
                Map.of("/dir/.b.bin.new", ABSENT, "/dir/b.bin", nu));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("CRASH-STATES prefixes " + states + ", one-write-omitted " + omitted + ", " + ms
                + " ms; omitted-write states with ERRORs (refused by the guard): " + omitErrors);
        assertThat(failures).isEmpty();
    }

    void run(String name, byte[] start, Op op, Map<String, Set<String>> expected, Map<String, String> done) throws IOException {
        MemoryBlockDevice mem = new MemoryBlockDevice(start.clone(), 512, false);
        RecordingBlockDevice rec = new RecordingBlockDevice(mem);
        try (ExfatVolume v = ExfatVolume.open(rec, ExfatVolumeTest.CLOCK)) {
            op.run(v);
        }
        List<RecordingBlockDevice.Write> log = rec.writes();
        assertThat(log).as(name + " writes").isNotEmpty();
        try (ExfatVolume v = ExfatVolume.open(MemoryBlockDevice.of(mem.bytes()), ExfatVolumeTest.CLOCK)) {
            for (Map.Entry<String, String> e : done.entrySet()) assertThat(content(v, e.getKey())).as(name + ": " + e.getKey()).isEqualTo(e.getValue());
        }
        for (int k = 0; k <= log.size(); k++) {
            byte[] img = start.clone();
            for (int i = 0; i < k; i++) log.get(i).applyTo(img);
            states++;
            checkState(name + " after " + k + "/" + log.size() + " writes", img, expected, k == log.size(), false);
        }
        for (int skip = 0; skip < log.size() && log.size() <= 40; skip++) {
            byte[] img = start.clone();
            // A lost write can only be missing from states that end before the next flush: the flush would not have returned.
            for (int i = 0; i < rec.epochEnd(skip); i++) if (i != skip) log.get(i).applyTo(img);
            omitted++;
            checkState(name + " without write " + (skip + 1) + "/" + log.size() + " at offset " + log.get(skip).offset(),
                    img, expected, false, true);
        }
    }

    void checkState(String state, byte[] img, Map<String, Set<String>> expected, boolean last, boolean lostWrite)
            throws IOException {
        ExfatCheckReport report = ExfatCheck.check(MemoryBlockDevice.of(img));
        for (ExfatFinding f : report.findings()) {
            if (f.kind() == Kind.CROSS_LINK || f.kind() == Kind.DIRECTORY_LOOP) failures.add(state + ": " + f);
            else if (f.severity() == Severity.ERROR && !lostWrite) failures.add(state + ": " + f);
            else if (f.severity() == Severity.ERROR) omitErrors.merge(f.kind().name(), 1, Integer::sum);
            if (last && f.severity() == Severity.WARNING) failures.add(state + " (complete): " + f);
        }
        if (!lostWrite) {
            Path file = tmp.resolve("state.img");
            Files.write(file, img);
            Tools.Result r = Tools.run("fsck.exfat", "-n", file.toString());
            if (r.exitCode() != 0) failures.add(state + ": fsck.exfat -n exit " + r.exitCode() + ": " + r.stdout() + r.stderr());
        }
        try (ExfatVolume v = ExfatVolume.open(MemoryBlockDevice.of(img), ExfatVolumeTest.CLOCK)) {
            for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
                String actual = content(v, e.getKey());
                boolean untouched = HostileExfat.FILES.containsKey(e.getKey()) && e.getValue().size() == 1;
                if (lostWrite && !untouched) continue;
                if (!e.getValue().contains(actual)) failures.add(state + ": " + e.getKey() + " is " + actual + ", expected one of " + e.getValue());
            }
        } catch (IOException ex) {
            failures.add(state + ": cannot read back: " + ex);
        }
    }

    static String content(ExfatVolume v, String path) throws IOException {
        Optional<dev.polyboot.formats.fs.FsEntry> e = v.stat(path);
        if (e.isEmpty()) return ABSENT;
        return HostileExfat.sha256(ExfatVolumeTest.readAll(v, path));
    }
}
