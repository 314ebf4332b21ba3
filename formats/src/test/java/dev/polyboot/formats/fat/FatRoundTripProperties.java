package dev.polyboot.formats.fat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random trees (names, sizes 0 .. several clusters) written to a fresh volume read back unchanged, in creation order. */
class FatRoundTripProperties {
    private static final int CLUSTER = 512;

    record Node(int parent, String name, boolean dir, int size, long seed) {}

    @Provide
    Arbitrary<List<Node>> trees() {
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcXYZ019 ._-+,;=[]ÄöüßΩ日本✓()")
                .ofMinLength(1).ofMaxLength(40)
                .map(s -> s.strip().replaceAll("[. ]+$", ""))
                .filter(s -> !s.isEmpty() && !s.equals(".") && !s.equals(".."));
        Arbitrary<Node> node = Combinators.combine(Arbitraries.integers().between(0, 1000), names,
                Arbitraries.integers().between(0, 9),
                Arbitraries.oneOf(Arbitraries.of(0, 1, CLUSTER - 1, CLUSTER, CLUSTER + 1, 3 * CLUSTER), Arbitraries.integers().between(0, 6000)),
                Arbitraries.longs()).as((p, n, kind, size, seed) -> new Node(p, n, kind < 2, size, seed));
        return node.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 40)
    void writtenTreesReadBack(@ForAll("trees") List<Node> nodes) throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(8 << 20);
        FatFormatter.format(dev, FatFormatOptions.defaults("PROP", 1, FatOracleTest.CLOCK)
                .withType(FatFormatOptions.Type.FAT16).withSectorsPerCluster(1));
        List<String> dirs = new ArrayList<>(List.of("/"));
        Map<String, List<String>> children = new LinkedHashMap<>();
        Map<String, Node> files = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        children.put("/", new ArrayList<>());
        try (FatVolume v = FatVolume.open(dev, FatOracleTest.CLOCK)) {
            for (Node n : nodes) {
                String parent = dirs.get(n.parent() % dirs.size());
                String path = (parent.equals("/") ? "" : parent) + "/" + n.name();
                if (!taken.add(path.toLowerCase(Locale.ROOT))) continue;
                if (n.dir()) {
                    v.mkdirs(path);
                    dirs.add(path);
                    children.put(path, new ArrayList<>());
                } else {
                    v.writeFile(path, new ByteArrayInputStream(TreeFixture.content(n.seed(), n.size())), n.size());
                    files.put(path, n);
                }
                children.get(parent).add(n.name());
            }
            v.flush();
        }
        try (FatVolume v = FatVolume.open(MemoryBlockDevice.of(dev.bytes()), FatOracleTest.CLOCK)) {
            for (Map.Entry<String, List<String>> d : children.entrySet()) {
                assertThat(v.list(d.getKey()).stream().map(FsEntry::name).toList()).as(d.getKey()).isEqualTo(d.getValue());
            }
            for (Map.Entry<String, Node> f : files.entrySet()) {
                assertThat(v.stat(f.getKey())).get().extracting(FsEntry::size).isEqualTo((long) f.getValue().size());
                assertThat(TreeFixture.read(v, f.getKey())).isEqualTo(TreeFixture.content(f.getValue().seed(), f.getValue().size()));
            }
        }
    }
}
