package dev.polyboot.formats.exfat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random directory trees written through our writer come back identical through a freshly opened volume. */
class ExfatPropertyTest {

    record Node(List<String> path, int size, long seed) {}

    @Provide
    Arbitrary<List<Node>> trees() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019 -_.éÜß日本😀").ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank() && !s.endsWith(".") && !s.endsWith(" ")); // Windows-unusable names are refused
        Arbitrary<Node> node = Combinators.combine(name.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(0, 20_000), Arbitraries.longs()).as(Node::new);
        return node.list().ofMaxSize(60);
    }

    @Property(tries = 25)
    void treesRoundTrip(@ForAll("trees") List<Node> nodes, @ForAll("clusterSizes") int clusterSize) throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(8 << 20);
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("PROP", 1).withClusterSize(clusterSize).withBoundaryAlignment(4096));
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> taken = new LinkedHashMap<>(); // upper-cased path -> kind
        try (ExfatVolume v = ExfatVolume.open(dev, Clock.systemUTC())) {
            for (Node n : nodes) {
                String dir = "/" + String.join("/", n.path().subList(0, n.path().size() - 1));
                String file = (dir.equals("/") ? "" : dir) + "/" + n.path().get(n.path().size() - 1);
                if (!fits(taken, dir, file)) continue;
                v.mkdirs(dir);
                byte[] content = ExfatVolumeTest.bytes(n.size(), n.seed());
                v.writeFile(file, new ByteArrayInputStream(content), content.length);
                files.put(file, content);
            }
        }
        ExfatVolume reopened = ExfatVolume.open(MemoryBlockDevice.of(dev.bytes()), Clock.systemUTC());
        List<String> seen = new ArrayList<>();
        collect(reopened, "/", seen);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(files.keySet());
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertThat(ExfatVolumeTest.readAll(reopened, e.getKey())).isEqualTo(e.getValue());
        }
    }

    @Provide
    Arbitrary<Integer> clusterSizes() {
        return Arbitraries.of(512, 4096);
    }

    /** Skips nodes that would collide (case-insensitively) with an existing file or directory. */
    private static boolean fits(Map<String, String> taken, String dir, String file) {
        UpcaseTable up = UpcaseTable.recommended();
        String d = "";
        List<String> prefixes = new ArrayList<>();
        for (String part : dir.split("/")) {
            if (part.isEmpty()) continue;
            d = d + "/" + part;
            prefixes.add(up.upcase(d));
        }
        for (String p : prefixes) if ("file".equals(taken.get(p))) return false;
        String f = up.upcase(file);
        if (taken.containsKey(f)) return false;
        for (String p : prefixes) taken.put(p, "dir");
        taken.put(f, "file");
        return true;
    }

    private static void collect(ExfatVolume v, String dir, List<String> out) throws Exception {
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) collect(v, e.path(), out); else out.add(e.path());
        }
    }
}
