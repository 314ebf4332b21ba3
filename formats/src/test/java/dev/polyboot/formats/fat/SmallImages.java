package dev.polyboot.formats.fat;

import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small FAT volumes built in memory for unit, hostile-input and fuzz tests. */
final class SmallImages {
    private SmallImages() {}

    /** 3 MiB FAT16 with 512-byte clusters: a long-named file, a multi-cluster file, a subdirectory. */
    static byte[] fat16WithFiles() {
        try {
            MemoryBlockDevice dev = new MemoryBlockDevice(3 << 20);
            FatFormatter.format(dev, FatFormatOptions.defaults("SMALL", 0xCAFEL, FatOracleTest.CLOCK)
                    .withType(FatFormatOptions.Type.FAT16).withSectorsPerCluster(1));
            try (FatVolume v = FatVolume.open(dev, FatOracleTest.CLOCK)) {
                v.mkdirs("/Sub Dir/Inner");
                v.writeFile("/Long File Name ✓.txt", new ByteArrayInputStream(TreeFixture.content(1, 1500)), 1500);
                v.writeFile("/Sub Dir/SHORT.BIN", new ByteArrayInputStream(TreeFixture.content(2, 100)), 100);
                v.writeFile("/Sub Dir/Inner/empty", new ByteArrayInputStream(new byte[0]), 0);
            }
            return dev.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
