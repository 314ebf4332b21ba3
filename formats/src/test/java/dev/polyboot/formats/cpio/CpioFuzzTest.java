package dev.polyboot.formats.cpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile newc archives, read from a byte array and from a stream. Only {@link FormatException}s may escape. What
 * the reader accepts must survive our writer: every header re-encodes to one that reads back the same, and the
 * entries (when the writer can take them: distinct names, no devices) write and read back unchanged.
 */
@Tag("fuzz")
class CpioFuzzTest {
    private static final int CAP = 1 << 16;

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void archive(byte[] archive) throws Exception {
        List<CpioEntry> entries = new ArrayList<>();
        try {
            CpioNewcReader r = new CpioNewcReader(archive, CAP);
            for (Optional<CpioEntry> e = r.next(); e.isPresent(); e = r.next()) {
                entries.add(e.get());
                CpioNewcHeader h = r.header();
                assertThat(CpioNewcHeader.read(new CpioRoundTripTest.ByteInput(h.encode())).encode()).isEqualTo(h.encode());
            }
        } catch (FormatException expected) {
            entries = null; // hostile input correctly refused
        }
        try {
            CpioNewcReader s = new CpioNewcReader(new ByteArrayInputStream(archive), CAP);
            List<CpioEntry> streamed = new ArrayList<>();
            for (Optional<CpioEntry> e = s.next(); e.isPresent(); e = s.next()) streamed.add(e.get());
            assertThat(entries).as("the array reader refused what the stream reader read").isNotNull();
            assertThat(streamed).isEqualTo(entries);
        } catch (FormatException expected) {
            // the array reader refuses a c_filesize past the end before the stream reader runs out: both refuse
            assertThat(entries).as("the stream reader refused what the array reader read").isNull();
        }
        if (entries != null && writable(entries)) {
            assertThat(CpioNewcReader.readAll(CpioNewcWriter.write(entries), CAP)).isEqualTo(entries);
        }
    }

    private static boolean writable(List<CpioEntry> entries) {
        Set<String> names = new HashSet<>();
        for (CpioEntry e : entries) {
            if (!names.add(e.name()) || !(e.directory() || e.regularFile() || e.symlink())) return false;
        }
        return true;
    }

    static Stream<Arguments> seeds() {
        List<CpioEntry> small = List.of(CpioEntry.directory("lib", 0755), CpioEntry.file("lib/exfat.ko", 0644, new byte[] {1, 2, 3, 4, 5}),
                CpioEntry.symlink("sh", "lib/exfat.ko"), new CpioEntry("t", 0100600, 1_700_000_000L, new byte[] {'t'}, null));
        return Stream.of(new byte[0], CpioNewcWriter.write(List.of()), CpioNewcWriter.write(CpioNewcWriterTest.tiny()),
                        CpioNewcWriter.write(small))
                .map(b -> Arguments.of((Object) b));
    }
}
