package dev.polyboot.formats.mbr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.part.PartitionTables;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile MBRs, including chains of extended boot records. Only {@link FormatException}s may escape; a decoded
 * MBR must re-encode to the same 512 bytes. Run with {@code scripts/fuzz SECONDS}; plain {@code mvn verify} runs
 * the seeds below.
 */
@Tag("fuzz")
class MbrFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void partitionTable(byte[] image) throws Exception {
        try {
            PartitionTables.read(MemoryBlockDevice.of(image));
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
        if (image.length >= Mbr.SIZE && MbrCodec.hasBootSignature(image)) {
            assertThat(MbrCodec.encode(MbrCodec.decode(image))).isEqualTo(Arrays.copyOf(image, Mbr.SIZE));
        }
    }

    static Stream<Arguments> seeds() throws Exception {
        return Stream.of(Arguments.of((Object) new byte[0]), Arguments.of((Object) MbrFuzzTestSeeds.primariesOnly()),
                Arguments.of((Object) MbrFuzzTestSeeds.withLogicalPartitions()));
    }
}
