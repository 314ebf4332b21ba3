package dev.polyboot.formats.fs;

import dev.polyboot.formats.fat.FatFormatOptions;
import dev.polyboot.formats.fat.FatFormatter;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class FatVolumeContractTest extends VolumeContractTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Override
    protected Volume newVolume() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(8 << 20);
        FatFormatter.format(dev, FatFormatOptions.defaults("CONTRACT", 7, CLOCK).withType(FatFormatOptions.Type.FAT16).withSectorsPerCluster(1));
        return FatVolume.open(dev, CLOCK);
    }
}
