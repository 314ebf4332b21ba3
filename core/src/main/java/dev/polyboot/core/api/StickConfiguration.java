package dev.polyboot.core.api;

import dev.polyboot.core.config.MenuUsers;
import dev.polyboot.core.config.StickConfig;
import java.util.List;

/**
 * {@code config show}: the stick's {@code /polyboot.json} (JSON: {@code config}). {@code exists} is false when the stick
 * has no file (the menu then uses polyboot's defaults). Aliases and hidden apply to catalogued images; {@code default}
 * must be one too (the scan's entries have no id).
 *
 * @param timeoutSeconds null: grub.cfg's own (no timeout unless install set one)
 * @param defaultImage   null: the first image
 * @param view           "folders" (folders as submenus), "list", or null: a list
 * @param show           "listed" (only images with {@code listed}, or below a listed folder, and no scan of uncatalogued
 *                       files), "all", or null: all
 * @param passwordUser   the GRUB user name of the menu password ({@value MenuUsers#SUPERUSER}), or null: none set
 *                       (the hash itself is never shown)
 */
public record StickConfiguration(String target, boolean exists, Integer timeoutSeconds, String defaultImage,
                                 String view, String show, String passwordUser, List<ImageSetting> images) {
    /** The file's name on the data partition. */
    public static final String FILE = StickConfig.PATH;

    public StickConfiguration {
        images = List.copyOf(images);
    }

    /**
     * @param passwordUser       the GRUB user name of this image's or folder's password, or null: none
     * @param secureBootDeclined {@code secureBoot./PATH false}: not approved for Secure Boot, whatever add and refresh do
     * @param listed             shown when the menu shows listed images only
     * @param mode               "memdisk" or "loopback" instead of polyboot's way to boot it, or null
     */
    public record ImageSetting(String path, String alias, boolean hidden, String passwordUser, boolean secureBootDeclined,
                               boolean listed, String mode) {}

    static StickConfiguration of(String target, boolean exists, StickConfig c) {
        MenuUsers users = MenuUsers.of(c);
        return new StickConfiguration(target, exists, c.timeoutSeconds(), c.defaultImage(), c.view() == null ? null : c.view().key(),
                c.show() == null ? null : c.show().key(),
                users.menuLocked() ? MenuUsers.SUPERUSER : null, c.images().entrySet().stream()
                .map(e -> new ImageSetting(e.getKey(), e.getValue().alias(), e.getValue().hidden(),
                        users.ofPath(e.getKey()) == null ? null : users.ofPath(e.getKey()).name(), e.getValue().declined(),
                        e.getValue().listed(), e.getValue().mode() == null ? null : e.getValue().mode().key())).toList());
    }
}
