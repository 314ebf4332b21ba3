package dev.polyboot.formats.fs;

import dev.polyboot.formats.exfat.ExfatFormatOptions;
import dev.polyboot.formats.exfat.ExfatFormatter;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.MemoryBlockDevice;
import java.io.IOException;

class ExfatVolumeContractTest extends VolumeContractTest {
    @Override
    protected Volume newVolume() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(8 << 20);
        ExfatFormatter.format(dev, ExfatFormatOptions.defaults("CONTRACT", 7));
        return ExfatVolume.open(dev, FatVolumeContractTest.CLOCK);
    }
}
