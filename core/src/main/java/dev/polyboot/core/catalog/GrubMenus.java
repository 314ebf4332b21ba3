package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.GrubWord;
import dev.polyboot.core.catalog.GrubParser.Block;
import dev.polyboot.core.catalog.GrubParser.Command;
import dev.polyboot.core.catalog.GrubParser.Conditional;
import dev.polyboot.core.catalog.GrubParser.Stmt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The menu a GRUB config builds, read without running it: {@code menuentry} and {@code submenu} in order
 * (submenu entries flattened as "Submenu > Entry"), {@code set} and plain assignments, {@code source} and
 * {@code configfile} followed into other files of the ISO, {@code set default} resolved. Conditions are never
 * evaluated: entries inside {@code if}/{@code for}/{@code while} are skipped and said so, variables set there
 * become unknown. Inside an entry only {@code linux*}, {@code initrd*} and {@code set} matter.
 */
final class GrubMenus {
    private static final Set<String> LINUX = Set.of("linux", "linuxefi", "linux16");
    private static final Set<String> INITRD = Set.of("initrd", "initrdefi", "initrd16");
    private static final Set<String> INCLUDE = Set.of("source", ".", "configfile");
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--class", "--users", "--hotkey", "--id", "--source");
    static final int MAX_INITRDS = 32;

    /** A menu item as {@code set default} can name it: position in its menu, title or {@code --id}. */
    private record Item(int position, String title, String id) {}

    private static final class Menu {
        final List<Item> path;
        final List<String> titles;
        int next;

        Menu(List<Item> path, List<String> titles) {
            this.path = path;
            this.titles = titles;
        }

        Menu child(Item item) {
            return new Menu(append(path, item), append(titles, item.title()));
        }
    }

    private record Scope(String file, GrubVars vars, Menu menu) {}

    private record Header(String title, String id) {}

    private final ConfigFiles files;
    private final List<DraftMenu.Entry> entries = new ArrayList<>();
    private final List<List<Item>> paths = new ArrayList<>();
    private String defaultValue;
    private String defaultWhere;

    private GrubMenus(ConfigFiles files) {
        this.files = files;
    }

    static DraftMenu read(ConfigFiles.Text main, ConfigFiles files) throws IOException {
        GrubMenus m = new GrubMenus(files);
        GrubVars vars = new GrubVars();
        // GRUB's prefix on the ISO's own boot is the directory of its grub.cfg (grub-mkrescue: /boot/grub)
        vars.set("prefix", ConfigFiles.directory(main.path()));
        m.walk(GrubParser.parse(main, files), new Scope(main.path(), vars, new Menu(List.of(), List.of())));
        return new DraftMenu(m.entries, m.defaultEntry());
    }

    private void walk(List<Stmt> stmts, Scope s) throws IOException {
        for (Stmt st : stmts) {
            if (files.capped()) return;
            if (st instanceof Command c) {
                command(c, s);
            } else if (st instanceof Block b) {
                if (b.keyword().equals("menuentry")) entry(b, s);
                else if (b.keyword().equals("submenu")) submenu(b, s);
                else if (containsBlock(b.body())) function(b, s); // a function or another command's block
            } else {
                conditional((Conditional) st, s);
            }
        }
    }

    private void command(Command c, Scope s) throws IOException {
        String k = GrubParser.literal(c.words().get(0));
        if (k != null && INCLUDE.contains(k)) {
            include(c, s, s.menu());
        } else if ("unset".equals(k)) {
            s.vars().expand(c.words().subList(1, c.words().size())).words().forEach(s.vars()::unset);
        } else {
            assignments(c, s.vars(), s.menu().path.isEmpty() ? s.file() + " line " + c.line() : null);
        }
    }

    /** {@code set A=B} and {@code A=B}; {@code defaultWhere} non-null when a top-level default may be set. */
    private void assignments(Command c, GrubVars vars, String defaultWhere) {
        String k = GrubParser.literal(c.words().get(0));
        List<GrubWord> words = "set".equals(k) ? c.words().subList(1, c.words().size()) : c.words().subList(0, 1);
        for (GrubWord w : words) {
            GrubVars.Expansion e = vars.expand(List.of(w));
            String text = e.joined();
            int eq = text.indexOf('=');
            if (eq <= 0 || !GrubTokenizer.isName(text.substring(0, eq))) continue;
            String name = text.substring(0, eq);
            if (e.complete()) vars.set(name, text.substring(eq + 1));
            else vars.setUnknown(name);
            if (name.equals("default") && defaultWhere != null) {
                this.defaultValue = e.complete() ? text.substring(eq + 1) : null;
                this.defaultWhere = defaultWhere;
            }
        }
    }

    private void include(Command c, Scope s, Menu menu) throws IOException {
        if (c.words().size() < 2) return;
        String where = s.file() + " line " + c.line();
        GrubVars.Expansion e = s.vars().expand(c.words().subList(1, 2), true);
        if (!e.complete()) {
            files.problem(where + ": `" + GrubParser.literal(c.words().get(0)) + "` of a path with " + references(e) + ": not followed");
            return;
        }
        if (e.words().isEmpty()) return;
        String path = e.words().get(0);
        if (!path.startsWith("/")) {
            files.problem(where + ": `" + path + "` is not an absolute path: not followed");
            return;
        }
        Optional<ConfigFiles.Text> t = files.enter(path, where);
        if (t.isEmpty()) return;
        try {
            walk(GrubParser.parse(t.get(), files), new Scope(t.get().path(), s.vars(), menu));
        } finally {
            files.leave();
        }
    }

    private void entry(Block b, Scope s) throws IOException {
        Header h = header(b, s.vars());
        Item item = new Item(s.menu().next++, h.title(), h.id());
        String title = String.join(" > ", append(s.menu().titles, h.title()));
        String where = s.file() + " line " + b.line();
        GrubVars vars = s.vars().child();
        GrubVars.Expansion kernel = null;
        GrubVars.Expansion args = null;
        GrubVars.Expansion initrd = null;
        for (Stmt st : b.body()) {
            if (st instanceof Command c) {
                String k = GrubParser.literal(c.words().get(0));
                List<GrubWord> rest = c.words().subList(1, c.words().size());
                if (k != null && LINUX.contains(k)) {
                    kernel = vars.expand(rest.isEmpty() ? rest : rest.subList(0, 1), true);
                    args = vars.expand(rest.isEmpty() ? rest : rest.subList(1, rest.size()));
                    initrd = null;
                } else if (k != null && INITRD.contains(k)) {
                    initrd = vars.expand(rest, true);
                } else if (k != null && INCLUDE.contains(k)) {
                    // an entry whose action is another menu: its entries become "Entry > ..."
                    include(c, new Scope(s.file(), vars, s.menu()), s.menu().child(item));
                } else {
                    assignments(c, vars, null);
                }
            } else if (st instanceof Conditional c) {
                if (containsCommand(c.body(), LINUX) || containsCommand(c.body(), INITRD)) {
                    files.problem(where + ": menuentry '" + title + "' loads its kernel inside `" + c.keyword() + "`: skipped");
                    return;
                }
                forgetSets(c.body(), vars);
            }
        }
        if (kernel == null) return; // not a Linux entry (chainloader, fwsetup, exit, ...)
        GrubVars.Expansion init = initrd == null ? new GrubVars.Expansion(List.of(), Set.of(), Set.of()) : initrd;
        String refs = references(kernel, args, init);
        if (!refs.isEmpty()) {
            files.problem(where + ": menuentry '" + title + "' uses " + refs + ": skipped");
            return;
        }
        if (kernel.words().isEmpty() || !kernel.words().get(0).startsWith("/")
                || init.words().stream().anyMatch(p -> !p.startsWith("/"))) {
            files.problem(where + ": menuentry '" + title + "' names a kernel or initrd without an absolute path: skipped");
            return;
        }
        if (init.words().size() > MAX_INITRDS) {
            files.problem(where + ": menuentry '" + title + "' has more than " + MAX_INITRDS + " initrds: skipped");
            return;
        }
        if (!files.addEntry()) return;
        entries.add(new DraftMenu.Entry(title, ConfigFiles.normalize(kernel.words().get(0)),
                init.words().stream().map(ConfigFiles::normalize).toList(), args.words(), s.file(), where));
        paths.add(append(s.menu().path, item));
    }

    private void submenu(Block b, Scope s) throws IOException {
        Header h = header(b, s.vars());
        Item item = new Item(s.menu().next++, h.title(), h.id());
        walk(b.body(), new Scope(s.file(), s.vars().child(), s.menu().child(item)));
    }

    private void conditional(Conditional c, Scope s) {
        String where = s.file() + " line " + c.line();
        if (containsBlock(c.body())) files.problem(where + ": `" + c.keyword() + "` — conditional entries skipped");
        if (containsCommand(c.body(), INCLUDE)) files.problem(where + ": `" + c.keyword() + "` — the files read inside it are not followed");
        forgetSets(c.body(), s.vars());
    }

    /** Every variable a condition's branches may set has an unknown value afterwards. */
    private static void forgetSets(List<Stmt> body, GrubVars vars) {
        for (Stmt st : body) {
            if (st instanceof Conditional c) {
                forgetSets(c.body(), vars);
            } else if (st instanceof Command c) {
                String k = GrubParser.literal(c.words().get(0));
                List<GrubWord> words = "set".equals(k) ? c.words().subList(1, c.words().size()) : c.words().subList(0, 1);
                for (GrubWord w : words) {
                    String text = vars.expand(List.of(w)).joined();
                    int eq = text.indexOf('=');
                    if (eq > 0 && GrubTokenizer.isName(text.substring(0, eq))) vars.setUnknown(text.substring(0, eq));
                }
            }
        }
    }

    private Header header(Block b, GrubVars vars) {
        List<String> words = vars.expand(b.header().subList(1, b.header().size())).words();
        String title = null;
        String id = null;
        boolean options = true;
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            if (options && w.equals("--")) {
                options = false;
            } else if (options && w.startsWith("--")) {
                int eq = w.indexOf('=');
                String name = eq < 0 ? w : w.substring(0, eq);
                String value = eq >= 0 ? w.substring(eq + 1) : OPTIONS_WITH_VALUE.contains(name) && k + 1 < words.size() ? words.get(++k) : null;
                if (name.equals("--id")) id = value;
            } else if (title == null) {
                title = w;
            }
        }
        return new Header(title == null ? "" : title, id);
    }

    private int defaultEntry() {
        if (defaultValue == null || defaultValue.isEmpty()) return -1;
        String[] refs = defaultValue.split(">", -1);
        for (int e = 0; e < entries.size(); e++) {
            List<Item> path = paths.get(e);
            boolean match = path.size() >= refs.length;
            for (int k = 0; k < refs.length && match; k++) match = names(path.get(k), refs[k]);
            if (match) return e;
        }
        files.problem(defaultWhere + ": the default `" + defaultValue + "` is none of the Linux entries");
        return -1;
    }

    private static boolean names(Item item, String ref) {
        if (!ref.isEmpty() && ref.length() <= 9 && ref.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return item.position() == Integer.parseInt(ref);
        }
        return ref.equals(item.title()) || ref.equals(item.id());
    }

    /** Whether a menuentry or submenu is anywhere inside. */
    private static boolean containsBlock(List<Stmt> body) {
        for (Stmt st : body) {
            if (st instanceof Block b && (b.keyword().equals("menuentry") || b.keyword().equals("submenu") || containsBlock(b.body()))) return true;
            if (st instanceof Conditional c && containsBlock(c.body())) return true;
        }
        return false;
    }

    private static boolean containsCommand(List<Stmt> body, Set<String> keywords) {
        for (Stmt st : body) {
            if (st instanceof Command c) {
                String k = GrubParser.literal(c.words().get(0));
                if (k != null && keywords.contains(k)) return true;
            }
            if (st instanceof Conditional c && containsCommand(c.body(), keywords)) return true;
        }
        return false;
    }

    private static String references(GrubVars.Expansion... es) {
        String unset = Stream.of(es).flatMap(e -> e.unset().stream()).distinct()
                .map(v -> "${" + v + "} that is never set").collect(Collectors.joining(", "));
        String unknown = Stream.of(es).flatMap(e -> e.unknown().stream()).distinct()
                .map(v -> "${" + v + "}, whose value is only known at boot").collect(Collectors.joining(", "));
        return unset.isEmpty() ? unknown : unknown.isEmpty() ? unset : unset + ", " + unknown;
    }

    private void function(Block b, Scope s) {
        String name = b.header().size() > 1 ? GrubParser.literal(b.header().get(1)) : null;
        String what = b.keyword().equals("function") ? "function " + (name == null ? "" : name + " ") : "`" + b.keyword() + "` ";
        files.problem(s.file() + " line " + b.line() + ": " + what + "defines menu entries in a block that is not run here: skipped");
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }
}
