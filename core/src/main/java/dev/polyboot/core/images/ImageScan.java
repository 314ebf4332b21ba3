package dev.polyboot.core.images;

import dev.polyboot.core.boot.ImageKind;
import dev.polyboot.core.catalog.ImageClassifier;
import dev.polyboot.core.catalog.ImageReport;
import dev.polyboot.core.catalog.ImageType;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finding and classifying the image files of a data partition for the catalogue. */
final class ImageScan {
    /** Deeper than any menu needs; stops a directory loop or hostile tree. */
    static final int MAX_DEPTH = 16;
    static final int MAX_IMAGES = 100_000;

    private ImageScan() {}

    /** Every non-hidden image file (by extension) outside hidden directories, in directory order. */
    static List<FsEntry> images(DataStore store) throws IOException {
        List<FsEntry> out = new ArrayList<>();
        walk(store, "/", 0, out);
        return out;
    }

    private static void walk(DataStore store, String dir, int depth, List<FsEntry> out) throws IOException {
        if (depth > MAX_DEPTH) return;
        for (FsEntry e : store.list(dir)) {
            if (e.name().startsWith(".")) continue;
            if (e.directory()) {
                walk(store, e.path(), depth + 1, out);
            } else if (ImageKind.of(e.name()).isPresent()) {
                if (out.size() >= MAX_IMAGES) throw new IOException("more than " + MAX_IMAGES + " image files on the data partition");
                out.add(e);
            }
        }
    }

    /** A damaged image still gets an entry (with the reason) rather than failing add or refresh. */
    static ImageReport safely(String name, BlockDevice dev) throws IOException {
        try {
            return ImageClassifier.classify(name, dev);
        } catch (FormatException e) {
            return new ImageReport(name, dev.size(), ImageType.UNKNOWN, null, null, List.of(), List.of(), null, null,
                    null, null, name, new BootRecipe.Message("could not be read: " + e.getMessage()),
                    "unreadable: " + e.getMessage(), List.of());
        }
    }
}
