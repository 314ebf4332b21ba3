package dev.polyboot.formats.iso;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile El Torito catalogs in sector 0 of a small device, read as given and with the validation checksum
 * repaired so that mutations get past it. Only {@link FormatException}s may escape, and every computed image range
 * must lie on the device.
 */
@Tag("fuzz")
class ElToritoFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void catalog(byte[] image) throws Exception {
        read(image);
        if (image.length >= 32) {
            byte[] repaired = image.clone();
            ElToritoSeeds.fixChecksum(ByteBuffer.wrap(repaired).order(ByteOrder.LITTLE_ENDIAN));
            read(repaired);
        }
    }

    private static void read(byte[] image) throws Exception {
        MemoryBlockDevice dev = MemoryBlockDevice.of(image);
        try {
            ElToritoCatalog c = ElToritoCatalog.read(dev, 0);
            assertThat(c.entries()).isNotEmpty().hasSizeLessThanOrEqualTo(ElToritoCatalog.MAX_BYTES / 32);
            for (ElToritoEntry e : c.entries()) {
                assertThat(e.imageLength()).isNotNegative();
                if (e.imageOffset() <= dev.size()) {
                    assertThat(e.imageOffset() + e.imageLength()).isLessThanOrEqualTo(dev.size());
                } else {
                    assertThat(e.imageLength()).isZero();
                }
            }
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(Arguments.of((Object) new byte[0]), Arguments.of((Object) ElToritoSeeds.biosAndUefi()),
                Arguments.of((Object) ElToritoSeeds.hardDiskAndSections()));
    }
}
