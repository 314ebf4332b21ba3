package dev.polyboot.core.api;

import java.util.List;

/**
 * An image add or refresh just classified and catalogued.
 *
 * @param image  as {@code list} shows it now
 * @param title  the classifier's title (as {@code inspect} shows it)
 * @param reason why this boot recipe
 * @param notes  caveats about booting it (untested recipe, no exFAT driver in the initrd, ...)
 */
public record CataloguedImage(ImageEntry image, String title, String reason, List<String> notes) {
    public CataloguedImage {
        notes = List.copyOf(notes);
    }
}
