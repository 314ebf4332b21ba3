package dev.polyboot.core.device;

import java.nio.file.Path;

/** What the user pointed polyboot at: an image file (existing or to be created) or a whole block device. */
public sealed interface Target permits Target.ImageFile, Target.Device {

    /** The path as given, for messages. */
    Path path();

    record ImageFile(Path path) implements Target {}

    /**
     * @param path the device node as given (may be a symlink such as /dev/disk/by-id/...)
     * @param node what sysfs says about it
     */
    record Device(Path path, BlockNode node) implements Target {}
}
