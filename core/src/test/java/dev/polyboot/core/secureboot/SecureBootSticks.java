package dev.polyboot.core.secureboot;

import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.core.install.StickInstaller;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.io.SliceBlockDevice;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Secure Boot sticks on sparse image files: the install default, with {@link TestKeys}. */
public final class SecureBootSticks {
    public static final long SIZE = 256L << 20;

    private SecureBootSticks() {}

    public static StickLayout install(Path image, MenuOptions menu) throws Exception {
        return install(image, menu, SIZE);
    }

    public static StickLayout install(Path image, MenuOptions menu, long size) throws Exception {
        StickLayout layout = TestSticks.plan(size, PartitionStyle.GPT, 12);
        Map<String, byte[]> boot = SecureBootStick.bootFiles(TestKeys.get(), TestSticks.payload(), menu);
        try (FileBlockDevice dev = FileBlockDevice.createSparse(image, size)) {
            new StickInstaller(TestSticks.CLOCK).apply(layout, dev, TestSticks.payload(), boot, ProgressListener.NONE);
        }
        return layout;
    }

    /** {@link ImageLibrary} signing with the test keys, as the CLI signs with the user's on a Secure Boot stick. */
    public static ImageLibrary library() {
        return new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK).withSigning(new StickSigning(TestKeys.get().directory(), TestSticks.CLOCK));
    }

    /** Whether the data partition of {@code image} has a file or directory at {@code path}. */
    public static boolean exists(Path image, String path) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(image, true);
             ExfatVolume v = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            return v.stat(path).isPresent();
        }
    }

    /** Adds 1 to the byte at {@code fileOffset} of a data partition file in place (after add signed what it holds). */
    public static void tamperData(Path image, String path, long fileOffset) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(image, false)) {
            StickDisk disk = StickDisk.read(dev);
            long start = disk.data().orElseThrow().startByte();
            Extent hit = null;
            long before = 0;
            try (ExfatVolume v = ExfatVolume.open(disk.dataSlice(), TestSticks.CLOCK)) {
                for (Extent e : v.extents(path)) {
                    if (fileOffset < before + e.length()) {
                        hit = e;
                        break;
                    }
                    before += e.length();
                }
            }
            if (hit == null) throw new IllegalArgumentException("offset " + fileOffset + " beyond " + path);
            long at = start + hit.deviceOffset() + (fileOffset - before);
            ByteBuffer b = ByteBuffer.allocate(1);
            dev.read(at, b);
            dev.write(at, ByteBuffer.wrap(new byte[] {(byte) (b.get(0) + 1)}));
            dev.flush();
        }
    }

    /** Replaces the byte at {@code fileOffset} of a boot partition file in place (after it was signed). */
    public static void tamper(Path image, StickLayout layout, String path, long fileOffset, byte value) throws Exception {
        try (FileBlockDevice dev = FileBlockDevice.open(image, false)) {
            Extent first;
            try (FatVolume esp = FatVolume.open(new SliceBlockDevice(dev, layout.boot().startBytes(), layout.boot().sizeBytes()),
                    TestSticks.CLOCK)) {
                first = esp.extents(path).get(0);
            }
            if (fileOffset >= first.length()) throw new IllegalArgumentException("offset beyond the first extent of " + path);
            dev.write(layout.boot().startBytes() + first.deviceOffset() + fileOffset, ByteBuffer.wrap(new byte[] {value}));
            dev.flush();
        }
    }
}
