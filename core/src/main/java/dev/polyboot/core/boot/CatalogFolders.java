package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;

import dev.polyboot.core.boot.GrubScript.Node;
import dev.polyboot.core.config.MenuUsers;
import dev.polyboot.core.config.StickConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The folders view ({@code "view": "folders"}): each folder of catalogued images is a GRUB submenu, nested like the
 * folders, placed where its first image stands in the list (sorted by path, so every folder's images are one run
 * of the list and opening the submenus in order walks exactly {@code list}'s order). Root images stay in the main menu.
 * A submenu's body runs when it is opened, in a context of its own: it sets the entries' access ({@code pb_acc}) first
 * and {@code default=0} last (catalog.cfg set 1 for the main menu, whose header is entry 0). Its title is the folder's
 * alias when {@code alias./FOLDER} is set, else {@code NAME/}; its id {@value #ID_PREFIX}FOLDER, for a default
 * image inside it ({@code set default=pb-dir/a>pb-...}).
 */
final class CatalogFolders {
    static final String ID_PREFIX = "pb-dir";

    private CatalogFolders() {}

    /**
     * @param sorted the visible entries in menu order
     * @param lines  one image's lines (its pb_cat, its other-entries submenu), as the list view has them
     */
    static List<Node> nodes(List<CatalogMenuEntry> sorted, Function<CatalogMenuEntry, List<Node>> lines, StickConfig config, MenuUsers users) {
        return level("", sorted, lines, config, users);
    }

    private static List<Node> level(String dir, List<CatalogMenuEntry> entries, Function<CatalogMenuEntry, List<Node>> lines,
                                    StickConfig config, MenuUsers users) {
        List<Node> n = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            CatalogMenuEntry e = entries.get(i);
            String rel = e.path().substring(dir.length() + 1);
            int slash = rel.indexOf('/');
            if (slash < 0) {
                n.addAll(lines.apply(e));
                i++;
                continue;
            }
            String folder = dir + "/" + rel.substring(0, slash);
            int end = i;
            while (end < entries.size() && entries.get(end).path().startsWith(folder + "/")) end++;
            List<Node> body = new ArrayList<>();
            if (users.any()) body.add(CatalogPasswords.set(CatalogPasswords.defaultAccess(users)));
            body.addAll(level(folder, entries.subList(i, end), lines, config, users));
            if (users.any()) body.add(CatalogPasswords.back()); // Esc would ask for a superuser
            body.add(cmd("set", "default=0"));
            List<GrubWord> options = new ArrayList<>();
            if (users.any()) options.add(GrubWord.lit(CatalogPasswords.access(users, folder)));
            options.add(GrubWord.lit("--id"));
            options.add(GrubWord.lit(ID_PREFIX + folder));
            n.add(new GrubScript.Submenu(GrubWord.lit(title(folder, config)), options, body));
            i = end;
        }
        return n;
    }

    /** A folder's submenu title: its alias, else its name and a slash. */
    static String title(String folder, StickConfig config) {
        String alias = config.aliasOf(folder);
        return alias != null ? alias : folder.substring(folder.lastIndexOf('/') + 1) + "/";
    }

    /** {@code default}'s value for an image: the ids of the submenus it is in, then its own, joined by GRUB's '>'. */
    static List<Object> defaultPath(String image) {
        StringBuilder chain = new StringBuilder();
        for (int slash = image.indexOf('/', 1); slash > 0; slash = image.indexOf('/', slash + 1)) {
            chain.append(ID_PREFIX).append(image, 0, slash).append('>');
        }
        return List.of(chain.toString());
    }
}
