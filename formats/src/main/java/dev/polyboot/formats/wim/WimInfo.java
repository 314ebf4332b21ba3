package dev.polyboot.formats.wim;

import java.util.List;
import java.util.Objects;

/** A WIM's header and the images its XML data describes, in document order. */
public record WimInfo(WimHeader header, List<WimImage> images) {
    public WimInfo {
        Objects.requireNonNull(header, "header");
        images = List.copyOf(images);
    }

    /** The image the header's boot index names (the one WinPE boots from boot.wim). */
    public java.util.Optional<WimImage> bootImage() {
        return images.stream().filter(i -> i.index() == header.bootIndex()).findFirst();
    }
}
