package dev.polyboot.core.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stick's configuration, {@code /polyboot.json} on the data partition (schema {@code polyboot-config.schema.json}
 * in core's resources, {@code "version": 1}): the menu's timeout and default image, and per image an alias (the menu
 * title) and whether it is hidden. Image keys are absolute paths on the data partition. Read and checked by
 * {@link StickConfigReader}, written by {@link StickConfigWriter}; {@link #set} is {@code polyboot config set}.
 *
 * @param timeoutSeconds seconds before the menu boots its default entry, or null: as grub.cfg has it
 * @param defaultImage   the image the menu starts on (and boots after the timeout), or null: the first image
 * @param images         per image path, sorted
 */
public record StickConfig(Integer timeoutSeconds, String defaultImage, Map<String, ImageSettings> images) {
    public static final int VERSION = 1;
    public static final String PATH = "/polyboot.json";
    /** An hour: longer is a mistake (GRUB's -1, wait for ever, is the absent key). */
    public static final int MAX_TIMEOUT = 3600;
    public static final int MAX_ALIAS = 200;
    /** Files larger than this are refused before parsing (a hand-written file is a few KiB). */
    public static final int MAX_BYTES = 1 << 20;
    public static final StickConfig NONE = new StickConfig(null, null, Map.of());

    /** @param alias the menu title instead of polyboot's, or null; @param hidden left out of the menu and list */
    public record ImageSettings(String alias, boolean hidden) {
        boolean empty() {
            return alias == null && !hidden;
        }
    }

    public StickConfig {
        images = java.util.Collections.unmodifiableMap(new TreeMap<>(images));
    }

    public String aliasOf(String path) {
        ImageSettings s = images.get(path);
        return s == null ? null : s.alias();
    }

    public boolean hidden(String path) {
        ImageSettings s = images.get(path);
        return s != null && s.hidden();
    }

    /**
     * This configuration with one key set, as {@code config set} names it: {@code timeout}, {@code default},
     * {@code alias./PATH}, {@code hidden./PATH}; an empty value removes the key. The result is checked like a file.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value (the message names the key)
     */
    public StickConfig set(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        boolean clear = value.isEmpty();
        StickConfig out;
        if (key.equals("timeout")) {
            out = new StickConfig(clear ? null : StickConfigReader.timeout(parseInt(key, value), key), defaultImage, images);
        } else if (key.equals("default")) {
            out = new StickConfig(timeoutSeconds, clear ? null : StickConfigReader.imagePath(value, key), images);
        } else if (key.startsWith("alias.") || key.startsWith("hidden.")) {
            String path = StickConfigReader.imagePath(key.substring(key.indexOf('.') + 1), key);
            ImageSettings old = images.getOrDefault(path, new ImageSettings(null, false));
            ImageSettings now = key.startsWith("alias.")
                    ? new ImageSettings(clear ? null : StickConfigReader.alias(value, key), old.hidden())
                    : new ImageSettings(old.alias(), !clear && parseBoolean(key, value));
            Map<String, ImageSettings> m = new TreeMap<>(images);
            if (now.empty()) m.remove(path);
            else m.put(path, now);
            out = new StickConfig(timeoutSeconds, defaultImage, m);
        } else {
            throw new IllegalArgumentException("unknown configuration key \"" + key
                    + "\": use timeout, default, alias./PATH or hidden./PATH");
        }
        StickConfigReader.checkDefault(out, key);
        return out;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + key + "\": a whole number of seconds, not \"" + value + "\"");
        }
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equals("true")) return true;
        if (value.equals("false")) return false;
        throw new IllegalArgumentException("\"" + key + "\": true or false, not \"" + value + "\"");
    }
}
