package dev.polyboot.core.install;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;

/**
 * Read-only loop devices over a byte range of an image, so fsck.fat / fsck.exfat can check one partition
 * without copying it out. Always detach in a finally.
 */
public final class LoopDevices {
    private LoopDevices() {}

    public static String attachReadOnly(Path image, long offset, long size) {
        Tools.require("losetup");
        return Tools.run("losetup", "-f", "--show", "-r", "-o", Long.toString(offset), "--sizelimit", Long.toString(size),
                image.toString()).assertOk().stdout().trim();
    }

    public static void detach(String loop) {
        if (loop == null || loop.isEmpty()) return;
        Tools.run("partx", "-d", loop); // partitions outlive a detach; fails harmlessly without any
        Tools.run("losetup", "-d", loop);
    }

    /** Runs fsck.exfat -n on the data partition and fsck.fat -n on the boot partition; returns their output. */
    public static String fsckBoth(Path image, long dataStart, long dataSize, long bootStart, long bootSize) {
        Tools.require("fsck.exfat");
        Tools.require("fsck.fat");
        StringBuilder out = new StringBuilder();
        String loop = attachReadOnly(image, dataStart, dataSize);
        try {
            out.append(Tools.run("fsck.exfat", "-n", loop).assertOk().stdout());
        } finally {
            detach(loop);
        }
        loop = attachReadOnly(image, bootStart, bootSize);
        try {
            out.append(Tools.run("fsck.fat", "-n", "-v", loop).assertOk().stdout());
        } finally {
            detach(loop);
        }
        return out.toString();
    }
}
