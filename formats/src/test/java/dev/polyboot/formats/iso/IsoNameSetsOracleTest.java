package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.io.FileBlockDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ISOs made by xorriso and genisoimage with every combination of Rock Ridge and Joliet, read under each name set
 * and compared with an independent reader of that name set: xorriso's own listing for Rock Ridge (it follows
 * deep-directory relocation), 7-Zip for Joliet, isoinfo for plain ECMA-119 names. File contents are compared
 * with the source tree, recording times with the files' modification times.
 */
class IsoNameSetsOracleTest {
    @TempDir Path tmp;

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("xorriso", List.of("-R", "-J", "-joliet-long"), NameSet.ROCK_RIDGE, true),
                // xorriso writes Rock Ridge even without -R; -D because xorriso 1.5.4 crashes otherwise when it
                // relocates deep directories without -R
                Arguments.of("xorriso", List.of("-J", "-joliet-long", "-D"), NameSet.ROCK_RIDGE, true),
                Arguments.of("xorriso", List.of("-R"), NameSet.ROCK_RIDGE, false),
                Arguments.of("xorriso", List.of("-D"), NameSet.ROCK_RIDGE, false),
                Arguments.of("genisoimage", List.of("-R", "-J", "-joliet-long"), NameSet.ROCK_RIDGE, true),
                Arguments.of("genisoimage", List.of("-J", "-joliet-long", "-D"), NameSet.JOLIET, true),
                Arguments.of("genisoimage", List.of("-R"), NameSet.ROCK_RIDGE, false),
                Arguments.of("genisoimage", List.of("-D"), NameSet.PLAIN, false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("images")
    void readsEveryNameSetLikeTheOracles(String tool, List<String> options, NameSet expected, boolean joliet)
            throws Exception {
        Path source = IsoFixtures.tree(tmp);
        Path iso = tmp.resolve("t.iso");
        String[] opts = options.toArray(String[]::new);
        if (tool.equals("xorriso")) IsoFixtures.xorriso(source, iso, opts);
        else IsoFixtures.genisoimage(source, iso, opts);

        try (FileBlockDevice dev = FileBlockDevice.open(iso, true)) {
            IsoImage best = IsoImage.read(dev);
            assertThat(best.nameSet()).isEqualTo(expected);
            assertThat(best.hasJoliet()).isEqualTo(joliet);
            assertThat(best.hasRockRidge()).isEqualTo(expected == NameSet.ROCK_RIDGE);
            assertThat(best.findings()).isEmpty();

            if (best.hasRockRidge()) {
                assertThat(listing(best)).isEqualTo(IsoFixtures.xorrisoListing(iso, true));
                assertContentsMatchSource(best, source);
            }
            if (joliet) {
                IsoImage j = IsoImage.read(dev, NameSet.JOLIET);
                assertThat(j.nameSet()).isEqualTo(NameSet.JOLIET);
                assertThat(listing(j)).isEqualTo(IsoFixtures.sevenZipListing(iso));
                assertContentsMatchSource(j, source);
            }
            IsoImage plain = IsoImage.read(dev, NameSet.PLAIN);
            assertThat(plain.nameSet()).isEqualTo(NameSet.PLAIN);
            assertThat(plain.walk().stream().map(IsoEntry::path).sorted().toList())
                    .isEqualTo(IsoFixtures.isoinfoPaths(iso).stream().map(IsoNameSetsOracleTest::stripVersion).sorted()
                            .toList());
        }
    }

    /** isoinfo prints "/DIR/NAME.EXT;1" and "/NOEXT.;1"; ECMA-119 7.5.1 makes ";1" and a lone "." separators. */
    private static String stripVersion(String p) {
        String s = p.replaceAll(";\\d+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static Map<String, IsoFixtures.Listed> listing(IsoImage iso) throws Exception {
        Map<String, IsoFixtures.Listed> out = new LinkedHashMap<>();
        for (IsoEntry e : iso.walk()) {
            // xorriso lists a symlink's own size as 0, as lstat would
            out.put(e.path(), new IsoFixtures.Listed(e.directory(), e.directory() ? -1 : e.size(), e.symlinkTarget()));
        }
        return sorted(out);
    }

    private static Map<String, IsoFixtures.Listed> sorted(Map<String, IsoFixtures.Listed> m) {
        return m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Every regular file whose path exists in the source tree has the source's bytes. */
    private static void assertContentsMatchSource(IsoImage iso, Path source) throws Exception {
        int compared = 0;
        for (IsoEntry e : iso.walk()) {
            Path src = source.resolve(e.path().substring(1));
            if (e.directory() || e.isSymlink() || !Files.isRegularFile(src, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            assertThat(iso.readAll(e, 1 << 20)).as(e.path()).isEqualTo(Files.readAllBytes(src));
            // both tools record the file's modification time, to the second, in the directory record
            assertThat(e.recorded().toInstant()).as(e.path())
                    .isEqualTo(Files.getLastModifiedTime(src).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(7);
    }
}
