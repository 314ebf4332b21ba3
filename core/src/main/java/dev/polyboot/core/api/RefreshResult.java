package dev.polyboot.core.api;

import java.util.List;

/** {@code refresh}: the new catalogue, one entry per image on the data partition (JSON: {@code refresh}). */
public record RefreshResult(String target, List<CataloguedImage> images) {
    public RefreshResult {
        images = List.copyOf(images);
    }
}
