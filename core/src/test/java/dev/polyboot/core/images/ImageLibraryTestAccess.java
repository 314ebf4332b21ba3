package dev.polyboot.core.images;

import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.StickLocks;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Lets tests of other packages put files on a stick image through the real add path. */
public final class ImageLibraryTestAccess {
    private ImageLibraryTestAccess() {}

    public static List<AddedImage> addToImage(Path image, Path... files) throws Exception {
        return new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK)
                .add(new Target.ImageFile(image), List.of(files), "/", true, ProgressListener.NONE).added();
    }

    /** Where a library opened through {@link #library(Opener)} gets the stick's device from. */
    @FunctionalInterface
    public interface Opener {
        BlockDevice open(boolean readOnly) throws IOException;
    }

    /** A library whose every device open goes to {@code opener} (the target still names the stick for its lock). */
    public static ImageLibrary library(Opener opener) {
        return new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK, "0.1.0", StickLocks.system(), (t, ro) -> opener.open(ro));
    }
}
