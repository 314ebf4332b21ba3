package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.blank;
import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.comment;
import static dev.polyboot.core.boot.Grub.function;
import static dev.polyboot.core.boot.Grub.ifElse;
import static dev.polyboot.core.boot.Grub.ifThen;
import static dev.polyboot.core.boot.Grub.v;
import static dev.polyboot.core.boot.Grub.var;
import static dev.polyboot.core.boot.Grub.word;

import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.boot.GrubScript.MenuEntry;
import dev.polyboot.core.config.MenuUsers;
import dev.polyboot.core.config.StickConfig;
import dev.polyboot.core.boot.GrubScript.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data partition's {@code /.polyboot/catalog.cfg}, sourced by grub.cfg before the runtime scan: one menu
 * entry per catalogued image, sorted by path. Nothing is read per file at menu time (1,000 images must not slow the
 * menu): the entry checks, when chosen, that its file exists with the size it had when classified, and otherwise
 * says so in one line ({@link CatalogRecipes#CHANGED}) and the menu returns. For every catalogued image an
 * empty marker file mirrors its path under {@link #MARKER_DIR}; the scan skips files whose marker exists, a
 * single {@code test -f} per file instead of a search through the catalogue.
 * Uses grub.cfg's functions {@code pb_boot pb_loop pb_fail pb_unload} and variables {@code pb_data pb_found}.
 */
public final class CatalogMenu {
    public static final String DIR = "/.polyboot";
    public static final String CFG = DIR + "/catalog.cfg";
    public static final String JSON = DIR + "/catalog.json";
    /**
     * The in-menu search's lines, one per visible image: sourced when "Search images..." is opened, not parsed with the
     * menu (with 1,000 images they cost the menu about 7 s under TCG, bench/menu-1000-images). Written and signed with
     * catalog.cfg.
     */
    public static final String SEARCH_CFG = DIR + "/search.cfg";

    /** catalog.cfg and search.cfg, rendered together. */
    public record Files(String catalog, String search) {}
    /**
     * Five levels deep, so that the menu's wildcards (four levels) only ever see one name per level here,
     * never the markers themselves.
     */
    public static final String MARKER_DIR = DIR + "/catalog/v1/by-path";
    /** pb_catalog's value when polyboot.json shows listed images only: grub.cfg then does not scan. */
    static final String LISTED_ONLY = "listed";
    static final String CHECK_LOOP = "pb_chk";
    /**
     * catalog.cfg's function that runs grub.cfg's scan ({@code pb_scan_walk}) with the catalogued files in the order the
     * scan meets them, and the variable that says it is there (a catalog.cfg written before it has neither).
     */
    static final String SCAN_KNOWN = "pb_scan_known";
    static final String SCAN_ORDER_VAR = "pb_scan_order";
    static final String CFG_LOOP = "loop";

    private CatalogMenu() {}

    public static String markerPath(String imagePath) {
        return MARKER_DIR + imagePath;
    }

    /** @param data the data partition's identity, for the recipes that need it (file-system UUID, PARTUUID, size) */
    public static String cfg(List<CatalogMenuEntry> entries, DataPartition data) {
        return cfg(entries, data, StickConfig.NONE);
    }

    /**
     * @param config the stick's {@code /polyboot.json}: aliases become titles, hidden images get no entry (their marker
     *               still keeps the scan from listing them), timeout and default are set after the entries
     */
    public static String cfg(List<CatalogMenuEntry> entries, DataPartition data, StickConfig config) {
        return script(entries, data, config).render();
    }

    /**
     * @param persistence image path → its bound persistence file: such an image gets two entries, "with persistence"
     *                    first (the default when the image is) and "without persistence"
     */
    public static String cfg(List<CatalogMenuEntry> entries, DataPartition data, StickConfig config,
                             java.util.Map<String, PersistenceBoot> persistence) {
        return script(entries, data, config, persistence, List.of()).render();
    }

    /**
     * catalog.cfg and the search's {@link #SEARCH_CFG}.
     *
     * @param scanOrder the catalogued files as grub.cfg's runtime scan meets them on the data partition now
     *                  ({@link MenuScan#scanOrder}): the scan then skips each by a string compare instead of a regexp
     *                  and a marker look-up (bench/menu-1000-images); empty: every file is checked
     */
    public static Files files(List<CatalogMenuEntry> entries, DataPartition data, StickConfig config,
                              java.util.Map<String, PersistenceBoot> persistence, List<String> scanOrder) {
        List<Node> finds = new ArrayList<>();
        String catalog = script(entries, data, config, persistence, scanOrder, finds).render();
        return new Files(catalog, new GrubScript(searchFile(finds)).render());
    }

    /** search.cfg: a comment and the pb_find lines (an empty list: no image is visible, no search entry). */
    private static List<Node> searchFile(List<Node> finds) {
        List<Node> n = new ArrayList<>();
        n.add(comment("polyboot's in-menu search: one pb_find line per visible image, in menu order; sourced by catalog.cfg's"));
        n.add(comment("'" + CatalogSearch.TITLE + "' entry when it is opened. Written by `polyboot add` / `refresh` with catalog.cfg."));
        n.addAll(finds);
        return n;
    }

    static GrubScript script(List<CatalogMenuEntry> entries, DataPartition data, StickConfig config) {
        return script(entries, data, config, java.util.Map.of(), List.of());
    }

    static GrubScript script(List<CatalogMenuEntry> entries, DataPartition data, StickConfig config,
                             java.util.Map<String, PersistenceBoot> persistence, List<String> scanOrder) {
        return script(entries, data, config, persistence, scanOrder, new ArrayList<>());
    }

    /** @param finds receives search.cfg's lines */
    private static GrubScript script(List<CatalogMenuEntry> entries, DataPartition data, StickConfig config,
                                     java.util.Map<String, PersistenceBoot> persistence, List<String> scanOrder, List<Node> finds) {
        List<CatalogMenuEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        MenuUsers users = MenuUsers.of(config);
        List<Node> n = new ArrayList<>();
        n.add(comment("polyboot catalogue: " + sorted.size() + " images, sorted by path. Written by `polyboot add` / `refresh`;"));
        n.add(comment("sourced by grub.cfg, whose runtime scan then skips files with a marker under " + MARKER_DIR + "."));
        // listed images only: grub.cfg's scan of files the catalogue does not know is off too
        n.add(cmd("set", "pb_catalog=" + (config.listedOnly() ? LISTED_ONLY : "1")));
        n.add(comment("pb_cat_ok FILE LAST PAST: FILE exists and has sector LAST but not sector PAST (its size when catalogued;"));
        n.add(comment("- - for an empty file). The loop device is deleted again at once: `test -e (dev)` is false for a device"));
        n.add(comment("without a file system, so a left-over device could not be found and deleted by the next call (measured)."));
        n.add(function("pb_cat_ok",
                cmd("set", "pb_ok="),
                ifElse(cmd("test", var("2"), "=", "-"),
                        List.of(ifThen(cmd("test", "-f", var("1")), cmd("set", "pb_ok=1"))),
                        // test -f first: a failed loopback leaves an error that GRUB prints above the menu.
                        List.of(ifThen(cmd("test", "-f", var("1")),
                                SecureBootScript.enforcementOff(),
                                ifThen(cmd("loopback", CHECK_LOOP, var("1")),
                                        ifThen(cmd("test", "-s", word("(" + CHECK_LOOP + ")", v("2"), "+1")),
                                                ifThen(cmd("test", "!", "-s", word("(" + CHECK_LOOP + ")", v("3"), "+1")),
                                                        cmd("set", "pb_ok=1"))),
                                        cmd("loopback", "-d", CHECK_LOOP)),
                                SecureBootScript.enforcementOn()))),
                cmd("test", "-n", var("pb_ok"))));
        n.addAll(CatalogRecipes.functions());
        n.add(comment("pb_chosen TITLE FILE LAST PAST KIND ARG...: what a catalogued entry runs when chosen: the file check,"));
        n.add(comment("then KIND's recipe with TITLE FILE ARG...; a file gone or changed since it was catalogued is one line."));
        n.add(CatalogRecipes.chosenFunction());
        n.add(comment("pb_cat TITLE FILE LAST PAST KIND ARG...: one catalogued image's menu entry (its id pb-FILE). Nothing"));
        n.add(comment("is read at menu time: the checks run when the entry is chosen (pb_chosen)."));
        n.add(function("pb_cat",
                cmd("set", word("pb_t=", v("1"))),
                cmd("shift"),
                entry(users.any())));
        n.add(blank());
        List<CatalogMenuEntry> visible = sorted.stream().filter(e -> config.shown(e.path())).toList();
        if (!visible.isEmpty()) {
            // every visible image has an entry (nothing is checked at menu time): the first after the header (and an
            // ignored configuration's message) is the default; grub.cfg's scan and its "No image files" entry see pb_found
            n.add(cmd("set", config.ignored() == null ? "default=1" : "default=2"));
            n.add(cmd("set", "pb_found=1"));
        }
        if (users.any()) n.addAll(CatalogPasswords.setup(users));
        if (config.ignored() != null) n.add(ignoredEntry(config.ignored()));
        // an image with a persistence file has two entries, "with persistence" first; each is also a search hit
        java.util.function.Function<CatalogMenuEntry, List<List<Object>>> variantsOf = e -> {
            PersistenceBoot p = persistence.get(e.path());
            if (config.modeOf(e.path()) == StickConfig.Mode.LOOPBACK) return List.of(entryArgs(withRecipe(e, new BootRecipe.LoopbackConfig(OWN_MENU, List.of(BootMode.BIOS, BootMode.UEFI))), data, config));
            return p != null && e.recipe() instanceof BootRecipe.Linux l && l.isoDevice()
                    ? List.of(entryArgs(e, data, config, WITH_PERSISTENCE, p.render()), entryArgs(e, data, config, WITHOUT_PERSISTENCE, List.of()))
                    : List.of(entryArgs(e, data, config));
        };
        java.util.function.Function<CatalogMenuEntry, List<Node>> linesOf = e -> {
            List<Node> lines = new ArrayList<>();
            for (List<Object> args : variantsOf.apply(e)) lines.add(cmd("pb_cat", args.toArray()));
            lines = byMode(e, config, data, lines, false);
            lines.addAll(more(e, data, config, users));
            return users.any() ? CatalogPasswords.around(users, e.path(), lines) : lines;
        };
        if (config.folders()) n.addAll(CatalogFolders.nodes(visible, linesOf, config, users));
        for (CatalogMenuEntry e : visible) {
            if (!config.folders()) n.addAll(linesOf.apply(e));
            List<Node> found = new ArrayList<>();
            for (List<Object> args : variantsOf.apply(e)) found.add(cmd("pb_find", findArgs(e, args).toArray()));
            found = byMode(e, config, data, found, true);
            finds.addAll(users.any() ? CatalogPasswords.around(users, e.path(), found) : found);
        }
        if (!finds.isEmpty()) {
            n.add(comment("In-menu search: after the catalogue's entries, so that the first image stays entry 1."));
            n.addAll(CatalogSearch.functions());
            if (users.any()) finds.add(0, CatalogPasswords.set(CatalogPasswords.defaultAccess(users)));
            n.add(CatalogSearch.submenu(users.any() ? List.of(GrubWord.lit(CatalogPasswords.FREE)) : List.of()));
        }
        if (!scanOrder.isEmpty() && !config.listedOnly()) n.addAll(scanKnown(scanOrder));
        n.addAll(settings(config));
        return new GrubScript(n);
    }

    /** {@value #SCAN_KNOWN}: grub.cfg's scan with the catalogued files in its order (not written when it does not scan). */
    private static List<Node> scanKnown(List<String> scanOrder) {
        List<Object> args = new ArrayList<>();
        for (String path : scanOrder) args.add(word(v("pb_data"), path));
        return List.of(
                comment(SCAN_KNOWN + ": grub.cfg's runtime scan, told the " + scanOrder.size() + " catalogued files in the order it meets them"),
                comment("(the data partition's directory order when this file was written), so that it skips them cheaply."),
                function(SCAN_KNOWN, cmd("pb_scan_walk", args.toArray())),
                cmd("set", SCAN_ORDER_VAR + "=1"));
    }

    /**
     * {@link StickConfig#PATH}'s menu settings, after the entries: grub.cfg's timeout is set before it sources this
     * file, and the {@code default=1} set before the entries is replaced by the default image's entry id (GRUB 2.06 looks
     * {@code default} up among titles and ids; an id that matches no entry, the file being gone, selects entry 0).
     */
    private static List<Node> settings(StickConfig config) {
        List<Node> n = new ArrayList<>();
        if (config.timeoutSeconds() == null && config.defaultImage() == null) return n;
        n.add(comment("Menu settings from " + StickConfig.PATH + "."));
        if (config.timeoutSeconds() != null) n.add(cmd("set", "timeout=" + config.timeoutSeconds()));
        if (config.defaultImage() != null) {
            // in the folders view an image in a folder is reached through its submenus' ids (GRUB's "id>id")
            String submenus = config.folders() ? (String) CatalogFolders.defaultPath(config.defaultImage()).get(0) : "";
            n.add(cmd("set", word("default=" + submenus + ID_PREFIX, v("pb_data"), config.defaultImage())));
        }
        return n;
    }

    /**
     * Every catalogued entry's {@code --id}: this prefix and its file as GRUB names it ({@code (hd0,msdos1)/linux/x.iso});
     * stable for a path, and never a number (GRUB would read {@code default=ID} as an entry index).
     */
    public static final String ID_PREFIX = "pb-";

    /**
     * The other entries of the ISO's own menu ("safe graphics", "failsafe"...), in a submenu under the image's entry,
     * shown while the image's entry is (same file check). Submenus see exported variables only: grub.cfg exports the
     * ones the recipes use.
     */
    private static List<Node> more(CatalogMenuEntry e, DataPartition data, StickConfig config, MenuUsers users) {
        if (!(e.recipe() instanceof BootRecipe.Linux l) || l.more().isEmpty()) return List.of();
        List<Node> body = new ArrayList<>();
        // the submenu's body runs in a context of its own: the entries' access is set again inside
        if (users.any()) body.add(CatalogPasswords.set(CatalogPasswords.access(users, e.path())));
        for (BootRecipe.Linux.Entry alt : l.more()) {
            List<Object> args = new ArrayList<>();
            args.add(alt.title());
            args.add(word(v("pb_data"), e.path()));
            args.addAll(sizeArgs(e));
            args.addAll(CatalogRecipes.kindAndArgs(e, data, alt));
            body.add(cmd("pb_cat", args.toArray()));
        }
        if (users.any()) body.add(CatalogPasswords.back()); // Esc would ask for a superuser
        return List.of(new GrubScript.Submenu(GrubWord.lit(menuTitle(e, config) + MORE_SUFFIX),
                users.any() ? List.of(GrubWord.var(CatalogPasswords.VAR)) : List.of(), body));
    }

    /** The ISO's own menu file that {@code mode loopback} boots (GRUB's loopback.cfg convention). */
    static final String OWN_MENU = "/boot/grub/loopback.cfg";

    /** The entry with another recipe: what {@code mode./PATH} in polyboot.json asks for instead of polyboot's choice. */
    private static CatalogMenuEntry withRecipe(CatalogMenuEntry e, BootRecipe recipe) {
        return new CatalogMenuEntry(e.path(), e.title(), e.size(), e.family(), recipe, e.volumeId(), e.mapping());
    }

    /**
     * {@code mode memdisk}: under BIOS ({@code grub_platform} pc) the entry boots the whole image by memdisk (pb_cat's
     * program kind, whose BIOS route is memdisk), under UEFI as polyboot chose ({@code lines}). Other modes: {@code lines}.
     * {@code search}: the lines are the search's pb_find hits, not the menu's pb_cat entries.
     */
    private static List<Node> byMode(CatalogMenuEntry e, StickConfig config, DataPartition data, List<Node> lines, boolean search) {
        if (config.modeOf(e.path()) != StickConfig.Mode.MEMDISK) return new ArrayList<>(lines);
        List<Object> args = entryArgs(withRecipe(e, new BootRecipe.Program(List.of(BootMode.BIOS))), data, config);
        GrubScript.Command bios = search ? cmd("pb_find", findArgs(e, args).toArray()) : cmd("pb_cat", args.toArray());
        return new ArrayList<>(List.of(ifElse(cmd("test", var("grub_platform"), "=", "pc"), List.of(bios), lines)));
    }

    /** pb_find's arguments: the haystacks (title, path) before pb_cat's. */
    private static List<Object> findArgs(CatalogMenuEntry e, List<Object> args) {
        List<Object> find = new ArrayList<>();
        find.add(CatalogSearch.haystack((String) args.get(0)));
        find.add(CatalogSearch.haystack(e.path()));
        find.addAll(args);
        return find;
    }

    /** What the submenu of an image's other boot entries is called after the image's own title. */
    public static final String MORE_SUFFIX = ": its other boot entries";

    private static List<String> sizeArgs(CatalogMenuEntry e) {
        return e.size() == 0 ? List.of("-", "-") : List.of(Long.toString(sectors(e.size()) - 1), Long.toString(sectors(e.size())));
    }

    /**
     * pb_cat's menu entry: title {@code $pb_t}, id pb-FILE, arguments FILE LAST PAST KIND ARG... (GRUB hands the entry
     * its title as $1 before them), body {@code pb_chosen "$@"}. With passwords, {@code "$pb_acc"} comes first among the
     * extra arguments: GRUB reads it as the option it holds ({@link CatalogPasswords}), so $2, $3... stay the same.
     */
    private static Node entry(boolean access) {
        List<GrubWord> extra = new ArrayList<>();
        if (access) extra.add(GrubWord.var(CatalogPasswords.VAR));
        extra.add(GrubWord.var("@"));
        return new MenuEntry(GrubWord.var("pb_t"), List.of(), extra, List.of(cmd("pb_chosen", var("@"))), word(ID_PREFIX, v("1")));
    }

    /** What the entry naming an ignored {@link StickConfig#PATH} starts with. */
    public static final String IGNORED_TITLE = "polyboot.json ignored: ";

    /**
     * An ignored {@link StickConfig#PATH} (not valid when add, refresh or remove wrote this file) is shown as entry 1,
     * above the images, so nobody wonders why their aliases and timeout are gone; choosing it shows the message.
     */
    private static Node ignoredEntry(String problem) {
        // the file's name is in IGNORED_TITLE already: GRUB cuts titles at the screen's width
        String shortProblem = problem.startsWith(StickConfig.PATH + " ") ? problem.substring(StickConfig.PATH.length() + 1) : problem;
        return new MenuEntry(GrubWord.lit(IGNORED_TITLE + shortProblem), List.of(), List.of(),
                List.of(cmd("pb_fail", problem + ". The menu is the plain one until the file is fixed"
                        + " ('polyboot config validate' names the problem, then 'polyboot refresh').")));
    }

    /** Sorted by path, case-insensitively first so that "Debian" and "arch" interleave as people expect. */
    public static final Comparator<CatalogMenuEntry> ORDER =
            Comparator.comparing((CatalogMenuEntry e) -> e.path().toLowerCase(java.util.Locale.ROOT)).thenComparing(CatalogMenuEntry::path);

    /** Title suffixes of an image with a bound persistence file (the first is its default entry). */
    public static final String WITH_PERSISTENCE = " (with persistence)";
    public static final String WITHOUT_PERSISTENCE = " (without persistence)";

    /** pb_cat's arguments for one image: TITLE FILE LAST PAST KIND ARG... */
    private static List<Object> entryArgs(CatalogMenuEntry e, DataPartition data, StickConfig config) {
        return entryArgs(e, data, config, "", List.of());
    }

    /** The same with a suffix to the title and kernel arguments after the recipe's (persistence). */
    private static List<Object> entryArgs(CatalogMenuEntry e, DataPartition data, StickConfig config, String titleSuffix,
                                          List<String> moreArgs) {
        List<Object> args = new ArrayList<>();
        args.add(menuTitle(e, config) + titleSuffix);
        args.add(word(v("pb_data"), e.path()));
        args.addAll(sizeArgs(e));
        args.addAll(CatalogRecipes.kindAndArgs(e, data));
        args.addAll(moreArgs);
        return args;
    }

    /**
     * The readable title plus the file's path: two images of one distribution would otherwise look alike, and
     * people find the file they copied by the name they gave it.
     */
    public static String menuTitle(CatalogMenuEntry e) {
        return withSize(e.title() + " - " + e.path().substring(1), e);
    }

    /** The image's alias from {@link StickConfig#PATH} when it has one (and its size), else {@link #menuTitle(CatalogMenuEntry)}. */
    public static String menuTitle(CatalogMenuEntry e, StickConfig config) {
        String alias = config.aliasOf(e.path());
        return alias != null ? withSize(alias, e) : menuTitle(e);
    }

    /**
     * Between a title and the image's size. ASCII on purpose: GRUB 2.06 draws U+00B7 ('·') as '?' both on the serial
     * console (terminfo vt100 is an ASCII terminal: GRUB maps every code point above 0x7f to '?') and on the BIOS text
     * screen (measured: grub-mkrescue image, QEMU, serial log and VGA screendump; see ARCHITECTURE "Menu facts").
     */
    public static final String SIZE_SEPARATOR = " | ";

    /** {@code title}, the separator and the file's size as the CLI prints sizes ({@link Bytes#human}). */
    static String withSize(String title, CatalogMenuEntry e) {
        return title + SIZE_SEPARATOR + Bytes.human(e.size());
    }

    static long sectors(long bytes) {
        return (bytes + 511) / 512;
    }
}
