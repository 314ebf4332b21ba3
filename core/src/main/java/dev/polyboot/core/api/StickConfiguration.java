package dev.polyboot.core.api;

import dev.polyboot.core.config.StickConfig;
import java.util.List;

/**
 * {@code config show}: the stick's {@code /polyboot.json} (JSON: {@code config}). {@code exists} is false when the stick
 * has no file (the menu then uses polyboot's defaults). Aliases and hidden apply to catalogued images; {@code default}
 * must be one too (the scan's entries have no id).
 *
 * @param timeoutSeconds null: grub.cfg's own (no timeout unless install set one)
 * @param defaultImage   null: the first image
 */
public record StickConfiguration(String target, boolean exists, Integer timeoutSeconds, String defaultImage,
                                 List<ImageSetting> images) {
    /** The file's name on the data partition. */
    public static final String FILE = StickConfig.PATH;

    public StickConfiguration {
        images = List.copyOf(images);
    }

    public record ImageSetting(String path, String alias, boolean hidden) {}

    static StickConfiguration of(String target, boolean exists, StickConfig c) {
        return new StickConfiguration(target, exists, c.timeoutSeconds(), c.defaultImage(), c.images().entrySet().stream()
                .map(e -> new ImageSetting(e.getKey(), e.getValue().alias(), e.getValue().hidden())).toList());
    }
}
