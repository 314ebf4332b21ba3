package dev.polyboot.formats.wim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile WIM headers and XML data. Only {@link FormatException}s may escape. */
@Tag("fuzz")
class WimFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void wim(byte[] image) throws Exception {
        try {
            WimReader.read(MemoryBlockDevice.of(image));
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(Arguments.of((Object) new byte[0]), Arguments.of((Object) TinyWim.wim(TinyWim.TWO_IMAGES, 2)),
                Arguments.of((Object) TinyWim.wim("<WIM><IMAGE INDEX=\"1\"><NAME>a</NAME><![CDATA[x]]><!-- c --></IMAGE></WIM>", 1)));
    }
}
