package dev.polyboot.formats.exfat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile exFAT images: open, walk every directory, stat, read every file and its extents. Only
 * {@link FormatException}s may escape. Run with {@code scripts/fuzz SECONDS}; plain {@code mvn verify} runs the seeds.
 */
@Tag("fuzz")
class ExfatFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void openWalkRead(byte[] image) throws IOException {
        try {
            ExfatVolume v = ExfatVolume.open(MemoryBlockDevice.of(image), ExfatVolumeTest.CLOCK);
            v.label();
            v.freeBytes();
            walk(v, "/", 0, new int[] {500});
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
    }

    private static void walk(ExfatVolume v, String dir, int depth, int[] budget) throws IOException {
        if (depth > 8) return;
        for (FsEntry e : v.list(dir)) {
            if (--budget[0] < 0) return;
            v.stat(e.path());
            if (e.directory()) {
                walk(v, e.path(), depth + 1, budget);
            } else {
                v.extents(e.path());
                try (SeekableByteChannel ch = v.open(e.path())) {
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    for (int i = 0; i < 16 && ch.read(b) >= 0; i++) b.clear();
                    ch.position(Math.max(0, ch.size() - 10));
                    ch.read(b.clear());
                }
            }
        }
    }

    static Stream<Arguments> seeds() throws Exception {
        byte[] small = SmallImage.build().bytes();
        return Stream.of(Arguments.of((Object) new byte[0]), Arguments.of((Object) small));
    }
}
