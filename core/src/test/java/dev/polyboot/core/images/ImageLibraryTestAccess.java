package dev.polyboot.core.images;

import dev.polyboot.core.install.TestSticks;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import java.nio.file.Path;
import java.util.List;

/** Lets tests of other packages put files on a stick image through the real add path. */
public final class ImageLibraryTestAccess {
    private ImageLibraryTestAccess() {}

    public static List<AddedImage> addToImage(Path image, Path... files) throws Exception {
        return new ImageLibrary(TargetGuard.system(), TestSticks.CLOCK)
                .add(new Target.ImageFile(image), List.of(files), "/", true, ProgressListener.NONE).added();
    }
}
