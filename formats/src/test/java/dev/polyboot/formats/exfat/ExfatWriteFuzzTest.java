package dev.polyboot.formats.exfat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing into hostile images (what {@code polyboot add} does to a damaged stick): mkdirs, write, rename and
 * delete. Only {@link FormatException}s may escape, never an unchecked exception or a hang.
 */
@Tag("fuzz")
class ExfatWriteFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void writeIntoHostileImage(byte[] image) throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(image.clone(), 512, false);
        try (ExfatVolume v = ExfatVolume.open(dev, ExfatVolumeTest.CLOCK)) {
            v.mkdirs("/dir/new dir");
            byte[] content = new byte[3000];
            v.writeFile("/dir/new dir/file.bin", new ByteArrayInputStream(content), content.length);
            for (int i = 0; i < 20; i++) v.writeFile("/grow " + i + " with a long name", new ByteArrayInputStream(content), 700);
            v.rename("/dir/new dir/file.bin", "/moved with a longer name.bin");
            v.delete("/moved with a longer name.bin");
            v.delete("/dir/new dir");
        } catch (FormatException | java.nio.file.DirectoryNotEmptyException expected) {
            // hostile input correctly refused, or a directory that the image says is not empty
        }
    }

    static Stream<Arguments> seeds() throws Exception {
        return Stream.of(Arguments.of((Object) SmallImage.build().bytes()));
    }
}
