package dev.polyboot.core.api;

import java.util.List;

/** {@code list}: the images in boot-menu order (JSON: {@code images}). */
public record ImageList(String target, List<ImageEntry> images) {
    public ImageList {
        images = List.copyOf(images);
    }
}
