package dev.polyboot.core.images;

import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;

/**
 * How {@link ImageLibrary} opens a stick's device. Always {@link #SYSTEM} outside the tests; the crash-state tests
 * hand the library a device that records every write, so that each prefix of a command's writes can be replayed.
 */
@FunctionalInterface
interface DeviceOpener {
    DeviceOpener SYSTEM = TargetResolver::open;

    BlockDevice open(Target stick, boolean readOnly) throws IOException;
}
