package dev.polyboot.formats.pe;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile PE headers. Only {@link FormatException}s may escape; whatever is read must lie inside the image. */
@Tag("fuzz")
class PeFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void peHeader(byte[] image) throws Exception {
        try {
            PeHeader h = PeReader.read(MemoryBlockDevice.of(image));
            assertThat(h.peHeaderOffset()).isLessThan(image.length);
            if (h.isSigned()) assertThat(h.certificateTableOffset() + h.certificateTableSize()).isLessThanOrEqualTo(image.length);
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(Arguments.of((Object) new byte[0]),
                Arguments.of((Object) TinyPe.build(PeMachine.AMD64, PeHeader.PE32_PLUS, 10, List.of(".text", ".sbat"), 16)),
                Arguments.of((Object) TinyPe.build(PeMachine.I386, PeHeader.PE32, 11, List.of(".text"), 0)));
    }
}
