package dev.polyboot.formats.mbr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.part.PartitionTables;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
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
        return Stream.of(Arguments.of((Object) new byte[0]), Arguments.of((Object) primariesOnly()),
                Arguments.of((Object) withLogicalPartitions()));
    }

    static byte[] primariesOnly() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(4096);
        MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0x12345678, List.of(
                new MbrPartitionSpec(1, 3, 0x07, true), new MbrPartitionSpec(4, 2, 0xEF, false))));
        return dev.bytes();
    }

    /** Extended partition at LBA 2..15 with EBRs at 2, 6 and 10, each holding one logical partition. */
    static byte[] withLogicalPartitions() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(16 * 512);
        MbrCodec.write(dev, MbrBuilder.build(new byte[440], 0xCAFE, List.of(
                new MbrPartitionSpec(1, 1, 0x0C, false), new MbrPartitionSpec(2, 14, 0x0F, false))));
        for (long ebr : new long[] {2, 6, 10}) {
            var logical = new MbrPartitionSpec(1, 2, 0x83, false);
            var next = ebr < 10 ? List.of(logical, new MbrPartitionSpec(ebr + 4 - 2, 4, 0x05, false)) : List.of(logical);
            dev.write(ebr * 512, ByteBuffer.wrap(MbrCodec.encode(MbrBuilder.build(new byte[440], 0, next))));
        }
        return dev.bytes();
    }
}
