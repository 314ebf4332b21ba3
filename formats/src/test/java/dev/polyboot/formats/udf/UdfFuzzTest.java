package dev.polyboot.formats.udf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile UDF volumes. The input is the volume from sector 256 on (512-byte sectors); the 128 KiB of zeros in
 * front are added here so the fuzzer mutates structure, not padding. Each input is read as given and with every
 * descriptor tag's CRC and checksum repaired. The whole tree is walked and every file read; only
 * {@link FormatException}s may escape.
 */
@Tag("fuzz")
class UdfFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void udfVolume(byte[] fromSector256) throws Exception {
        byte[] image = new byte[256 * 512 + fromSector256.length];
        System.arraycopy(fromSector256, 0, image, 256 * 512, fromSector256.length);
        walk(image);
        walk(repaired(image));
    }

    private static void walk(byte[] image) throws IOException {
        try {
            UdfImage udf = UdfImage.read(MemoryBlockDevice.of(image));
            walk(udf, udf.root(), new int[] {200});
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
    }

    /** A directory may (hostilely) contain itself; the reader never recurses, this walk stops after a budget of entries. */
    private static void walk(UdfImage udf, UdfEntry dir, int[] budget) throws IOException {
        for (UdfEntry e : udf.list(dir)) {
            if (--budget[0] < 0) return;
            if (e.directory()) {
                walk(udf, e, budget);
            } else if (e.size() <= 1 << 20) {
                udf.readAll(e, 1 << 20);
                udf.extents(e);
            }
        }
    }

    private static byte[] repaired(byte[] in) {
        byte[] image = in.clone();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 256 * 512; at + 16 <= image.length; at += 4) {
            int id = Short.toUnsignedInt(b.getShort(at));
            boolean known = (id >= 1 && id <= 9) || (id >= 256 && id <= 266);
            if (known && b.getShort(at + 2) == 2 && (at % 512 == 0 || id == DescriptorTag.FILE_IDENTIFIER)) TinyUdf.retag(b, at);
        }
        return image;
    }

    static Stream<Arguments> seeds() {
        byte[] tiny = TinyUdf.build();
        return Stream.of(Arguments.of((Object) new byte[0]),
                Arguments.of((Object) Arrays.copyOfRange(tiny, 256 * 512, tiny.length)));
    }
}
