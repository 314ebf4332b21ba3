package dev.polyboot.core.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stick's configuration, {@code /polyboot.json} on the data partition (schema {@code polyboot-config.schema.json}
 * in core's resources, {@code "version": 1}): the menu's timeout, default image and password, and per image (or folder)
 * an alias (the menu title), whether it is hidden and a password. Image keys are absolute paths on the data partition.
 * Passwords are GRUB PBKDF2 hashes ({@link GrubPassword}), never the password. Read and checked by
 * {@link StickConfigReader}, written by {@link StickConfigWriter}; {@link #set} is {@code polyboot config set}.
 *
 * @param timeoutSeconds seconds before the menu boots its default entry, or null: as grub.cfg has it
 * @param defaultImage   the image the menu starts on (and boots after the timeout), or null: the first image
 * @param password       the whole menu's password hash (every image entry asks for it), or null
 * @param view           {@link View#FOLDERS}: folders as submenus; null or {@link View#LIST}: one list
 * @param show           {@link Show#LISTED}: only images marked {@code listed} (or below a listed folder) are in the
 *                       menu, and files the catalogue does not know are not scanned; null or {@link Show#ALL}: every image
 * @param images         per image or folder path, sorted
 * @param ignored        null; for the menu of a stick whose file is not valid, the reader's one-line message (the
 *                       settings are then all empty and the menu shows the message, see {@link #ignored(String)})
 */
public record StickConfig(Integer timeoutSeconds, String defaultImage, String password, View view, Show show,
                          Map<String, ImageSettings> images, String ignored) {
    public static final int VERSION = 1;
    public static final String PATH = "/polyboot.json";
    /** An hour: longer is a mistake (GRUB's -1, wait for ever, is the absent key). */
    public static final int MAX_TIMEOUT = 3600;
    public static final int MAX_ALIAS = 200;
    /** Files larger than this are refused before parsing (a hand-written file is a few KiB). */
    public static final int MAX_BYTES = 1 << 20;
    public static final StickConfig NONE = new StickConfig(null, null, Map.of());

    /**
     * @param alias    the menu title instead of polyboot's, or null
     * @param hidden   left out of the menu and list
     * @param password a GRUB PBKDF2 hash: the entry (for a folder: every image below it) asks for it; or null
     * @param declined  never approved for Secure Boot ({@code "secureBoot": false}): add/refresh sign nothing of it, and
     *                  under Secure Boot its entry says so; without Secure Boot it boots as any other
     * @param listed    in the menu when it shows listed images only ({@link Show#LISTED}); for a folder, every image below it
     * @param mode      how the image boots instead of polyboot's choice, or null: polyboot's choice
     */
    public record ImageSettings(String alias, boolean hidden, String password, boolean declined, boolean listed, Mode mode) {
        public ImageSettings(String alias, boolean hidden, String password, boolean declined, boolean listed) {
            this(alias, hidden, password, declined, listed, null);
        }

        public ImageSettings(String alias, boolean hidden, String password, boolean declined) {
            this(alias, hidden, password, declined, false, null);
        }

        public ImageSettings(String alias, boolean hidden, String password) {
            this(alias, hidden, password, false, false, null);
        }

        public ImageSettings(String alias, boolean hidden) {
            this(alias, hidden, null, false, false, null);
        }

        boolean empty() {
            return alias == null && !hidden && password == null && !declined && !listed && mode == null;
        }

        ImageSettings withMode(Mode m) {
            return new ImageSettings(alias, hidden, password, declined, listed, m);
        }
    }

    /**
     * An image's boot mode instead of polyboot's choice (Ventoy's auto_memdisk and its GRUB2 mode): {@link #MEMDISK}
     * boots it under BIOS as a whole image in RAM (memdisk; UEFI keeps polyboot's way), {@link #LOOPBACK} by the ISO's
     * own {@code /boot/grub/loopback.cfg} (BIOS and UEFI; not under Secure Boot, which cannot check that menu).
     */
    public enum Mode {
        MEMDISK, LOOPBACK;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Mode parse(String value, String key) {
            return parseKey(values(), value, key, "memdisk or loopback (or '' for polyboot's choice)");
        }
    }

    /** Which images the menu shows: all of them (but the hidden), or only those listed (Ventoy's image_list). */
    public enum Show {
        ALL, LISTED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Show parse(String value, String key) {
            return parseKey(values(), value, key, "all or listed");
        }
    }

    /** The menu's shape: one list of images, or folders as submenus (in list order). */
    public enum View {
        LIST, FOLDERS;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static View parse(String value, String key) {
            return parseKey(values(), value, key, "list or folders");
        }
    }

    /** The constant whose lower-case name is {@code value}, else a message naming {@code key} and what it takes. */
    private static <E extends Enum<E>> E parseKey(E[] values, String value, String key, String expected) {
        for (E v : values) if (v.name().toLowerCase(java.util.Locale.ROOT).equals(value)) return v;
        throw new IllegalArgumentException("\"" + key + "\": " + expected + ", not \"" + value + "\"");
    }

    public StickConfig {
        images = java.util.Collections.unmodifiableMap(new TreeMap<>(images));
    }

    public StickConfig(Integer timeoutSeconds, String defaultImage, Map<String, ImageSettings> images) {
        this(timeoutSeconds, defaultImage, null, null, null, images, null);
    }

    public boolean folders() {
        return view == View.FOLDERS;
    }

    /** Whether the menu shows listed images only (and the runtime scan of uncatalogued files is off). */
    public boolean listedOnly() {
        return show == Show.LISTED;
    }

    /**
     * Whether the image at {@code path} has an entry in the menu and in {@code list}: not hidden, and, when the menu
     * shows listed images only, listed itself or below a listed folder.
     */
    public boolean shown(String path) {
        if (hidden(path)) return false;
        if (!listedOnly()) return true;
        for (String p = path; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            ImageSettings s = images.get(p);
            if (s != null && s.listed()) return true;
        }
        return false;
    }

    /** The plain menu of a stick whose file is not valid, carrying the reason for the menu to show. */
    public static StickConfig ignored(String problem) {
        return new StickConfig(null, null, null, null, null, Map.of(), Objects.requireNonNull(problem, "problem"));
    }

    /** Whether any password is set: the menu then turns on GRUB's users ({@code superusers}). */
    public boolean hasPasswords() {
        return password != null || images.values().stream().anyMatch(s -> s.password() != null);
    }

    public String aliasOf(String path) {
        ImageSettings s = images.get(path);
        return s == null ? null : s.alias();
    }

    public boolean hidden(String path) {
        ImageSettings s = images.get(path);
        return s != null && s.hidden();
    }

    /** The image's boot mode override ({@code mode./PATH}), or null: polyboot's choice. */
    public Mode modeOf(String path) {
        ImageSettings s = images.get(path);
        return s == null ? null : s.mode();
    }

    /** Whether the user declined the image for Secure Boot ({@code secureBoot./PATH false}). */
    public boolean declined(String path) {
        ImageSettings s = images.get(path);
        return s != null && s.declined();
    }

    /**
     * This configuration with one key set, as {@code config set} names it: {@code timeout}, {@code default}, {@code view},
     * {@code show}, {@code password}, {@code alias./PATH}, {@code hidden./PATH}, {@code listed./PATH}, {@code mode./PATH},
     * {@code secureBoot./PATH} ({@code false}: declined for
     * Secure Boot), {@code password./PATH} (a password's value is its
     * GRUB PBKDF2 hash, {@link GrubPassword#hash}); an empty value removes the key. The result is checked like a file.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value (the message names the key)
     */
    public StickConfig set(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        boolean clear = value.isEmpty();
        StickConfig out;
        if (key.equals("timeout")) {
            out = new StickConfig(clear ? null : StickConfigReader.timeout(parseInt(key, value), key), defaultImage, password, view, show, images, null);
        } else if (key.equals("default")) {
            out = new StickConfig(timeoutSeconds, clear ? null : StickConfigReader.imagePath(value, key), password, view, show, images, null);
        } else if (key.equals("password")) {
            out = new StickConfig(timeoutSeconds, defaultImage, clear ? null : StickConfigReader.passwordHash(value, key), view, show, images, null);
        } else if (key.equals("view")) {
            out = new StickConfig(timeoutSeconds, defaultImage, password, clear ? null : View.parse(value, key), show, images, null);
        } else if (key.equals("show")) {
            out = new StickConfig(timeoutSeconds, defaultImage, password, view, clear ? null : Show.parse(value, key), images, null);
        } else if (key.startsWith("alias.") || key.startsWith("hidden.") || key.startsWith("password.") || key.startsWith("secureBoot.")
                || key.startsWith("listed.") || key.startsWith("mode.")) {
            String path = StickConfigReader.imagePath(key.substring(key.indexOf('.') + 1), key);
            ImageSettings old = images.getOrDefault(path, new ImageSettings(null, false));
            ImageSettings now;
            if (key.startsWith("alias.")) {
                now = new ImageSettings(clear ? null : StickConfigReader.alias(value, key), old.hidden(), old.password(), old.declined(), old.listed(), old.mode());
            } else if (key.startsWith("hidden.")) {
                now = new ImageSettings(old.alias(), !clear && parseBoolean(key, value), old.password(), old.declined(), old.listed(), old.mode());
            } else if (key.startsWith("secureBoot.")) {
                now = new ImageSettings(old.alias(), old.hidden(), old.password(), !clear && !parseBoolean(key, value), old.listed(), old.mode());
            } else if (key.startsWith("mode.")) {
                now = old.withMode(clear ? null : Mode.parse(value, key));
            } else if (key.startsWith("listed.")) {
                now = new ImageSettings(old.alias(), old.hidden(), old.password(), old.declined(), !clear && parseBoolean(key, value), old.mode());
            } else {
                now = new ImageSettings(old.alias(), old.hidden(), clear ? null : StickConfigReader.passwordHash(value, key), old.declined(), old.listed(), old.mode());
            }
            Map<String, ImageSettings> m = new TreeMap<>(images);
            if (now.empty()) m.remove(path);
            else m.put(path, now);
            out = new StickConfig(timeoutSeconds, defaultImage, password, view, show, m, null);
        } else {
            throw new IllegalArgumentException("unknown configuration key \"" + key
                    + "\": use timeout, default, view, show, password, alias./PATH, hidden./PATH, listed./PATH, mode./PATH, password./PATH or secureBoot./PATH");
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
