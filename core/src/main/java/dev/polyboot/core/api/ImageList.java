package dev.polyboot.core.api;

import java.util.List;

/**
 * {@code list}: the images in boot-menu order (JSON: {@code images}) and the persistence files bound to them (each such
 * image has two menu entries, "with persistence" and "without persistence").
 */
public record ImageList(String target, List<ImageEntry> images, List<PersistenceFile> persistence) {
    public ImageList {
        images = List.copyOf(images);
        persistence = List.copyOf(persistence);
    }

    public ImageList(String target, List<ImageEntry> images) {
        this(target, images, List.of());
    }
}
