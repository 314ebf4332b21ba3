package dev.polyboot.formats.exfat;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mounts an exFAT image with exfat-fuse through a loop device the test attaches itself (exfat-fuse refuses
 * plain files here: "Block device required"). Unmounts and detaches in finally.
 */
final class FuseExfat {
    interface Body {
        void run(Path mountPoint) throws Exception;
    }

    private FuseExfat() {}

    static void require() {
        Tools.require("mount.exfat-fuse");
        Tools.require("fusermount");
        Tools.require("losetup");
    }

    static void withMount(Path image, boolean readOnly, Path mountPoint, Body body) throws Exception {
        require();
        Files.createDirectories(mountPoint);
        String loop = Tools.run("losetup", "-f", "--show", image.toString()).assertOk().stdout().trim();
        try {
            if (readOnly) {
                Tools.run("mount.exfat-fuse", "-o", "ro", loop, mountPoint.toString()).assertOk();
            } else {
                Tools.run("mount.exfat-fuse", loop, mountPoint.toString()).assertOk();
            }
            try {
                body.run(mountPoint);
            } finally {
                Tools.run("fusermount", "-u", mountPoint.toString()).assertOk();
            }
        } finally {
            for (int i = 0; i < 50; i++) {
                if (Tools.run("losetup", "-d", loop).exitCode() == 0) break;
                Thread.sleep(100);
            }
        }
    }
}
