package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile ISO images: the input is the image from sector 16 on (the fuzz target restores the zero system area).
 * Every name set is read, the whole tree walked, every file read and looked up again by its path, El Torito read.
 * Only {@link FormatException}s may escape; a file read must return exactly its size.
 */
@Tag("fuzz")
class IsoFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void isoImage(byte[] tail) throws Exception {
        MemoryBlockDevice dev = MemoryBlockDevice.of(IsoSeeds.withSystemArea(tail));
        for (NameSet names : NameSet.values()) {
            try {
                exercise(IsoImage.read(dev, names));
            } catch (FormatException expected) {
                // hostile input correctly refused
            }
        }
    }

    private static void exercise(IsoImage image) throws Exception {
        image.volumeId();
        image.findings();
        try {
            image.elTorito();
        } catch (FormatException expected) {
            // a broken catalog leaves the files readable
        }
        for (IsoEntry e : image.walk()) {
            assertThat(e.size()).isNotNegative();
            if (e.directory()) continue;
            try {
                byte[] data = image.readAll(e, 1 << 16);
                assertThat(data).hasSize((int) e.size());
                try (SeekableByteChannel ch = image.open(e)) {
                    ByteBuffer b = ByteBuffer.allocate(data.length);
                    while (b.hasRemaining() && ch.read(b) >= 0) { }
                    assertThat(Arrays.equals(b.array(), data)).isTrue();
                }
            } catch (FormatException expected) {
                // extents outside the device, or larger than the cap
            }
            // duplicate names may lead elsewhere; the look-up itself must still only fail with FormatException
            image.lookupIgnoreCase(e.path());
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.concat(Stream.of(Arguments.of((Object) new byte[0])),
                Arrays.stream(IsoSeeds.NAMES).map(n -> Arguments.of((Object) IsoSeeds.withoutSystemArea(IsoSeeds.load(n)))));
    }
}
