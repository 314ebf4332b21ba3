package dev.polyboot.formats.exfat;

import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A tiny exFAT image built by our own code (512-byte clusters, 512-byte alignment): nested directories, a
 * contiguous file and a FAT-chained fragmented one. Seed for the fuzzer and base for hostile-image tests.
 */
final class SmallImage {
    static final int SIZE = 128 * 1024;
    static final String CHAINED = "/dir/Fragmented.bin";
    static final String CONTIGUOUS = "/dir/sub/Ünïcode name.txt";

    private SmallImage() {}

    static MemoryBlockDevice build() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(SIZE);
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("SMALL", 0x5EED).withClusterSize(512).withBoundaryAlignment(512));
        try (ExfatVolume v = ExfatVolume.open(dev, ExfatVolumeTest.CLOCK)) {
            v.mkdirs("/dir/sub");
            write(v, CONTIGUOUS, ExfatVolumeTest.bytes(1500, 1));
            for (int i = 0; i < 6; i++) write(v, "/hole" + i, ExfatVolumeTest.bytes(512, 10 + i));
            write(v, "/filler", ExfatVolumeTest.bytes((int) v.freeBytes(), 3));
            for (int i = 0; i < 6; i += 2) v.delete("/hole" + i);
            write(v, CHAINED, ExfatVolumeTest.bytes(1400, 4));
            v.delete("/filler");
        }
        return dev;
    }

    static void write(ExfatVolume v, String path, byte[] content) throws IOException {
        try (InputStream in = new ByteArrayInputStream(content)) {
            v.writeFile(path, in, content.length);
        }
    }
}
