package dev.polyboot.core.api;

import dev.polyboot.core.device.DeviceInfo;
import dev.polyboot.core.device.Target;
import java.util.Optional;

/**
 * What a plan will write to, as a person must recognise it before saying yes.
 *
 * @param path      as given ("/dev/sdb", "stick.img")
 * @param disk      a block device (true) or an image file (false)
 * @param name      kernel name of the disk ("sdb"), null for an image file
 * @param model     vendor and model ("" when unknown, null for an image file)
 * @param sizeBytes the disk's size, or the image file's size now (0 when it does not exist yet)
 * @param removable the disk's removable flag (false for image files)
 * @param now       what the disk holds now, as {@code devices} shows it; empty when unknown or not a disk
 */
public record TargetDescription(String path, boolean disk, String name, String model, long sizeBytes, boolean removable,
                                Optional<DeviceInfo> now) {

    static TargetDescription of(Target t, Optional<DeviceInfo> now) throws java.io.IOException {
        if (t instanceof Target.Device d) {
            return new TargetDescription(d.path().toString(), true, d.node().name(), d.node().model(), d.node().sizeBytes(),
                    d.node().removable(), now);
        }
        long size = java.nio.file.Files.isRegularFile(t.path()) ? java.nio.file.Files.size(t.path()) : 0;
        return new TargetDescription(t.path().toString(), false, null, null, size, false, Optional.empty());
    }

    /** A device target with what is on it now (tests of the confirmation text build one from a fake machine). */
    public static TargetDescription of(Target.Device d, Optional<DeviceInfo> now) {
        return new TargetDescription(d.path().toString(), true, d.node().name(), d.node().model(), d.node().sizeBytes(),
                d.node().removable(), now);
    }

    /** A TARGET that did not resolve (a refused /dev/sdq): only its path is known. */
    static TargetDescription unresolved(String path) {
        return new TargetDescription(path, path.startsWith("/dev/"), null, null, 0, false, Optional.empty());
    }
}
