package dev.polyboot.core.catalog;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.util.Optional;

/** {@link ImageContent} over the ISO 9660 reader of {@code formats.iso}. */
final class IsoContents {
    private IsoContents() {}

    static Optional<ImageContent> open(BlockDevice dev) throws IOException {
        return Optional.empty(); // formats.iso lands on main later
    }
}
