package dev.polyboot.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile /.polyboot/bindings.json (the data partition is writable by anyone holding the stick): the reader either
 * accepts (and what it accepts survives write → read) or throws IOException; nothing else escapes.
 */
@Tag("fuzz")
class BindingsFuzzTest {
    static Stream<byte[]> seeds() {
        String fp = "0123456789abcdef".repeat(4);
        Bindings b = Bindings.NONE.withPersistence("/a b.iso", new PersistenceBinding("/p/a.dat", "debian-live", "persistence", 1L << 30, fp, "u"));
        return Stream.of(b.toJson(), "{\"version\": 1}".getBytes(StandardCharsets.UTF_8),
                "{\"version\": 1, \"persistence\": {\"/x.iso\": {\"file\": 3}}}".getBytes(StandardCharsets.UTF_8));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void bindings(byte[] json) throws Exception {
        Bindings b;
        try {
            b = Bindings.fromJson(json);
        } catch (IOException e) {
            assertThat(e.getMessage()).startsWith(Bindings.PATH);
            return;
        }
        assertThat(Bindings.fromJson(b.toJson())).isEqualTo(b);
        b.menu();
    }
}
