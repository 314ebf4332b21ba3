package dev.polyboot.formats.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Volume} promises, run against FAT and exFAT (one subclass each, as jimfs tests its
 * providers): same exceptions for the same mistakes, replace semantics, subtree moves refused in any case.
 * Expected contents come from the test's own byte arrays, never from the code under test.
 */
public abstract class VolumeContractTest {
    /** A freshly formatted, writable, empty volume of a few MiB in memory. */
    protected abstract Volume newVolume() throws IOException;

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void write(Volume v, String path, byte[] content) throws IOException {
        v.writeFile(path, new ByteArrayInputStream(content), content.length);
    }

    static byte[] read(Volume v, String path) throws IOException {
        try (SeekableByteChannel ch = v.open(path)) {
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b) >= 0) { }
            return b.array();
        }
    }

    @Test
    void deletingANonEmptyDirectoryThrowsDirectoryNotEmpty() throws IOException {
        try (Volume v = newVolume()) {
            v.mkdirs("/d");
            write(v, "/d/f", bytes(10, 1));
            assertThatThrownBy(() -> v.delete("/D")).isInstanceOf(DirectoryNotEmptyException.class);
            assertThat(v.stat("/d/f")).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trailing dot.", "trailing space ", "dots..."})
    void namesWindowsCannotUseAreRefused(String name) throws IOException {
        try (Volume v = newVolume()) {
            write(v, "/ok", bytes(10, 1));
            assertThatThrownBy(() -> write(v, "/" + name, bytes(10, 2))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Windows cannot use a name ending in a");
            assertThatThrownBy(() -> v.mkdirs("/" + name)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> v.rename("/ok", "/" + name)).isInstanceOf(IllegalArgumentException.class);
            assertThat(v.list("/")).extracting(FsEntry::name).containsExactly("ok");
        }
    }

    @Test
    void movingADirectoryIntoItsOwnSubtreeIsRefusedWhateverTheCase() throws IOException {
        try (Volume v = newVolume()) {
            v.mkdirs("/Dir/sub");
            write(v, "/Dir/sub/f", bytes(3000, 1));
            assertThatThrownBy(() -> v.rename("/Dir", "/dir/sub")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> v.rename("/Dir", "/DIR/SUB/x")).isInstanceOf(IllegalArgumentException.class);
            assertThat(read(v, "/Dir/sub/f")).isEqualTo(bytes(3000, 1));
            v.rename("/Dir", "/DIR");
            assertThat(v.list("/")).extracting(FsEntry::name).containsExactly("DIR");
        }
    }

    @Test
    void replaceMovesTheFileOntoTheTargetAndFreesTheOldContent() throws IOException {
        try (Volume v = newVolume()) {
            v.mkdirs("/cat");
            write(v, "/cat/Catalogue.cfg", bytes(20_000, 1));
            write(v, "/other", bytes(5_000, 3));
            long free = v.freeBytes();
            write(v, "/.tmp-new", bytes(9_000, 2));
            v.replace("/.tmp-new", "/cat/catalogue.CFG");
            assertThat(v.stat("/.tmp-new")).isEmpty();
            assertThat(v.list("/cat")).extracting(FsEntry::name).containsExactly("Catalogue.cfg");
            assertThat(read(v, "/cat/Catalogue.cfg")).isEqualTo(bytes(9_000, 2));
            assertThat(read(v, "/other")).isEqualTo(bytes(5_000, 3));
            assertThat(v.freeBytes()).isGreaterThanOrEqualTo(free + 20_000 - 9_000 - 2L * v.clusterSize());
            v.replace("/other", "/absent");
            assertThat(read(v, "/absent")).isEqualTo(bytes(5_000, 3));
            v.mkdirs("/d");
            assertThatThrownBy(() -> v.replace("/absent", "/d")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<List<String>> paths() {
        return Arbitraries.of("a", "B", "cD").list().ofMinSize(1).ofMaxSize(4);
    }

    /** For any directory path and any case of it, a move below itself is refused and nothing changes. */
    @Property(tries = 40)
    void renameIntoOwnSubtreeIsRefused(@ForAll("paths") List<String> dir, @ForAll("paths") List<String> below,
                                       @ForAll boolean upper) throws IOException {
        try (Volume v = newVolume()) {
            String from = "/" + String.join("/", dir);
            v.mkdirs(from);
            write(v, from + "/f", bytes(700, 5));
            String moved = upper ? from.toUpperCase(java.util.Locale.ROOT) : from.toLowerCase(java.util.Locale.ROOT);
            String to = moved + "/" + String.join("/", below);
            assertThatThrownBy(() -> v.rename(from, to)).isInstanceOf(IllegalArgumentException.class);
            assertThat(read(v, from + "/f")).isEqualTo(bytes(700, 5));
        }
    }
}
