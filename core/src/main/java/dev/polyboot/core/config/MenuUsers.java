package dev.polyboot.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GRUB users that {@link StickConfig}'s passwords become. GRUB 2.06 asks for a user name and then a password, and
 * one user has one password, so every password gets a user: the menu's is {@value #SUPERUSER} (GRUB's superuser: it
 * opens every entry, the editor and the command line); an image's or folder's is its file or folder name, characters
 * other than {@code A-Z a-z 0-9 . _ -} replaced by {@code _}, with {@code -2}, {@code -3}... when two paths would share
 * a name (in path order). {@code config show} prints them.
 */
public final class MenuUsers {
    public static final String SUPERUSER = "polyboot";

    /** @param name the user name typed at GRUB's prompt; @param hash its password; @param path the image or folder, or null (menu) */
    public record User(String name, String hash, String path) {}

    private final Map<String, User> byPath;
    private final User menu;

    private MenuUsers(User menu, Map<String, User> byPath) {
        this.menu = menu;
        this.byPath = byPath;
    }

    public static MenuUsers of(StickConfig c) {
        Map<String, User> byPath = new LinkedHashMap<>();
        Map<String, Integer> taken = new HashMap<>();
        taken.put(SUPERUSER, 1);
        for (Map.Entry<String, StickConfig.ImageSettings> e : c.images().entrySet()) { // sorted by path
            if (e.getValue().password() == null) continue;
            String base = e.getKey().substring(e.getKey().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
            int n = taken.merge(base, 1, Integer::sum);
            byPath.put(e.getKey(), new User(n == 1 ? base : base + "-" + n, e.getValue().password(), e.getKey()));
        }
        return new MenuUsers(c.password() == null ? null : new User(SUPERUSER, c.password(), null), byPath);
    }

    /** Every user with a password: the menu's first, then by path. */
    public List<User> all() {
        List<User> out = new ArrayList<>();
        if (menu != null) out.add(menu);
        out.addAll(byPath.values());
        return out;
    }

    public boolean any() {
        return menu != null || !byPath.isEmpty();
    }

    public boolean menuLocked() {
        return menu != null;
    }

    /** The user of the image's own password, else of the nearest folder above it with one; null when none. */
    public User forImage(String path) {
        for (String p = path; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            User u = byPath.get(p);
            if (u != null) return u;
        }
        return null;
    }

    /** The user whose password {@code path}'s own key sets, or null. */
    public User ofPath(String path) {
        return byPath.get(path);
    }
}
