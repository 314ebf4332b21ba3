package dev.polyboot.core.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The menu of an isolinux/syslinux config (syslinux 6 {@code doc/syslinux.txt}, {@code doc/menu.txt}): one
 * entry per {@code LABEL} whose kernel is Linux, titled by its {@code MENU LABEL} ({@code ^} hotkey marks
 * removed), {@code MENU BEGIN}/{@code MENU END} levels flattened as "Submenu > Entry". Keywords are
 * case-insensitive. {@code INCLUDE} and {@code MENU INCLUDE} continue the same config; a label's {@code CONFIG}
 * is a menu of its own whose entries join this one. Relative paths are relative to the working directory,
 * which is the main config's directory ({@code CONFIG file dir} changes it), as in syslinux.
 */
final class SyslinuxMenus {
    private enum Kind { LINUX, OTHER, CONFIG }

    private static final int MAX_LEVELS = 32;

    // KERNEL picks the loader by extension (syslinux.txt, "KERNEL file"); anything else is a Linux kernel
    private static final Set<String> NOT_LINUX_EXTENSIONS = Set.of(".c32", ".cbt", ".com", ".bs", ".bin", ".bss", ".0", ".img");
    private static final Set<String> LABEL_LOADERS = Set.of("kernel", "linux", "com32", "comboot", "boot", "bss", "pxe",
            "fdimage", "localboot", "config");

    /** A MENU BEGIN level, named by its MENU LABEL, else MENU TITLE, else tag, once those lines are read. */
    private static final class Level {
        final String tag;
        String label;
        String title;

        Level(String tag) {
            this.tag = tag;
        }

        String name() {
            return label != null ? label : title != null ? title : tag;
        }
    }

    private static final class Label {
        final String name;
        final String source;
        final String where;
        final List<Level> levels;
        String title;
        Kind kind;
        String kernel;
        String kernelArgs = "";
        String initrd;
        String append;

        Label(String name, String source, String where, List<Level> levels) {
            this.name = name;
            this.source = source;
            this.where = where;
            this.levels = levels;
        }
    }

    /** One config with its includes, as syslinux reads it before it shows the menu. */
    private static final class Config {
        final String cwd;
        final List<Label> labels = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();
        final List<String> menuDefaults = new ArrayList<>();
        String globalAppend;
        String defaultLabel;
        String onTimeout;
        Label current;

        Config(String cwd) {
            this.cwd = cwd;
        }
    }

    private final ConfigFiles files;
    private final List<DraftMenu.Entry> entries = new ArrayList<>();
    private final List<String> entryLabels = new ArrayList<>();
    private final List<String> menuDefaults = new ArrayList<>();
    private final List<String> namedDefaults = new ArrayList<>();
    private int labels;

    private SyslinuxMenus(ConfigFiles files) {
        this.files = files;
    }

    static DraftMenu read(ConfigFiles.Text main, ConfigFiles files) throws IOException {
        SyslinuxMenus m = new SyslinuxMenus(files);
        m.config(main, ConfigFiles.directory(main.path()), List.of());
        return new DraftMenu(m.entries, m.defaultEntry());
    }

    private void config(ConfigFiles.Text text, String cwd, List<String> titles) throws IOException {
        Config c = new Config(cwd);
        lines(c, text);
        menuDefaults.addAll(c.menuDefaults);
        if (c.defaultLabel != null) namedDefaults.add(c.defaultLabel);
        if (c.onTimeout != null) namedDefaults.add(c.onTimeout);
        Set<String> notOnIso = notOnIso(c.labels);
        for (Label l : c.labels) {
            if (files.capped()) return;
            List<String> t = new ArrayList<>(titles);
            l.levels.forEach(v -> t.add(v.name()));
            if (l.kind == Kind.CONFIG && !notOnIso.contains(l.name)) {
                if (l.title != null) t.add(l.title);
                follow(l, c, t);
            } else if (l.kind == Kind.LINUX && l.kernel != null) {
                t.add(l.title != null ? l.title : l.name);
                entry(l, c, String.join(" > ", t));
            }
        }
    }

    private void lines(Config c, ConfigFiles.Text text) throws IOException {
        boolean helpText = false;
        int helpLine = 0;
        String all = text.text();
        int n = 0;
        for (int start = 0; start <= all.length(); ) {
            int eol = all.indexOf('\n', start);
            if (eol < 0) eol = all.length();
            String line = all.substring(start, eol).strip();
            start = eol + 1;
            n++;
            String k = word(line).toLowerCase(Locale.ROOT);
            String rest = afterWord(line);
            if (helpText) {
                helpText = !k.equals("endtext");
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = text.path() + " line " + n;
            if (k.equals("menu")) {
                k = "menu " + word(rest).toLowerCase(Locale.ROOT);
                rest = afterWord(rest);
            }
            switch (k) {
                case "label" -> {
                    if (++labels > ConfigFiles.MAX_LABELS) {
                        files.problem("more than " + ConfigFiles.MAX_LABELS + " labels: the rest are ignored");
                        return;
                    }
                    c.current = new Label(rest, text.path(), where, List.copyOf(c.levels));
                    c.labels.add(c.current);
                }
                case "menu label" -> {
                    String title = rest.replace("^", "").strip();
                    if (c.current != null) c.current.title = title;
                    else if (!c.levels.isEmpty() && c.levels.get(c.levels.size() - 1).label == null) c.levels.get(c.levels.size() - 1).label = title;
                }
                case "menu title" -> {
                    if (!c.levels.isEmpty()) c.levels.get(c.levels.size() - 1).title = rest.replace("^", "").strip();
                }
                case "menu begin" -> {
                    c.current = null;
                    if (c.levels.size() >= MAX_LEVELS) {
                        files.problem(where + ": MENU BEGIN nested more than " + MAX_LEVELS + " deep: the rest of the file is ignored");
                        return;
                    }
                    c.levels.add(new Level(rest.isEmpty() ? "Submenu" : rest));
                }
                case "menu end" -> {
                    c.current = null;
                    if (!c.levels.isEmpty()) c.levels.remove(c.levels.size() - 1);
                }
                case "menu default" -> {
                    if (c.current != null) c.menuDefaults.add(c.current.name);
                }
                case "text" -> {
                    helpText = true;
                    helpLine = n;
                }
                case "initrd" -> {
                    if (c.current != null) c.current.initrd = rest;
                }
                case "append" -> {
                    if (c.current != null) c.current.append = rest;
                    else c.globalAppend = rest;
                }
                case "default" -> c.defaultLabel = word(rest);
                case "ontimeout" -> c.onTimeout = word(rest);
                case "include", "menu include" -> include(c, word(rest), where);
                default -> {
                    if (LABEL_LOADERS.contains(k) && c.current != null) loader(c.current, k, rest);
                    else if (k.equals("config")) include(c, word(rest), where);
                }
            }
        }
        if (helpText) files.problem(text.path() + " line " + helpLine + ": TEXT HELP never ends (no ENDTEXT): the rest of the file is help text");
    }

    private static void loader(Label l, String keyword, String rest) {
        l.kernel = word(rest).isEmpty() ? null : word(rest);
        l.kernelArgs = afterWord(rest);
        if (keyword.equals("config")) {
            l.kind = Kind.CONFIG;
            l.kernelArgs = rest;
        } else if (keyword.equals("linux")) {
            l.kind = Kind.LINUX;
        } else if (keyword.equals("kernel") && l.kernel != null) {
            String name = l.kernel.substring(l.kernel.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            l.kind = dot >= 0 && NOT_LINUX_EXTENSIONS.contains(name.substring(dot)) ? Kind.OTHER : Kind.LINUX;
        } else {
            l.kind = Kind.OTHER;
        }
    }

    private void include(Config c, String file, String where) throws IOException {
        if (file.isEmpty()) return;
        Optional<ConfigFiles.Text> t = files.enter(resolve(c.cwd, file), where);
        if (t.isEmpty()) return;
        try {
            lines(c, t.get());
        } finally {
            files.leave();
        }
    }

    /** {@code CONFIG file [dir]} in a label: that menu's entries join this one. */
    private void follow(Label l, Config c, List<String> titles) throws IOException {
        List<String> words = KernelCommandLine.split(l.kernelArgs);
        if (words.isEmpty()) return;
        String path = resolve(c.cwd, words.get(0));
        String cwd = words.size() > 1 ? resolve(c.cwd, words.get(1)) : ConfigFiles.directory(path);
        Optional<ConfigFiles.Text> t = files.enter(path, l.where);
        if (t.isEmpty()) return;
        try {
            config(t.get(), cwd, titles);
        } finally {
            files.leave();
        }
    }

    private void entry(Label l, Config c, String title) {
        String append = l.append != null ? l.append : c.globalAppend;
        List<String> args = new ArrayList<>(KernelCommandLine.split(l.kernelArgs));
        if (append != null && !append.strip().equals("-")) args.addAll(KernelCommandLine.split(append));
        List<String> initrds = new ArrayList<>();
        if (l.initrd != null) addInitrds(initrds, c.cwd, l.initrd);
        for (String a : args) if (a.startsWith("initrd=")) addInitrds(initrds, c.cwd, a.substring("initrd=".length()));
        if (initrds.size() > GrubMenus.MAX_INITRDS) {
            files.problem(l.where + ": label " + l.name + " has more than " + GrubMenus.MAX_INITRDS + " initrds: skipped");
            return;
        }
        if (!files.addEntry()) return;
        entries.add(new DraftMenu.Entry(title, resolve(c.cwd, l.kernel), initrds, args, l.source, l.where));
        entryLabels.add(l.name);
    }

    private static void addInitrds(List<String> out, String cwd, String list) {
        for (String i : list.split(",")) if (!i.isBlank()) out.add(resolve(cwd, i.strip()));
    }

    /**
     * Labels that {@code whichsys.c32} (archiso's first menu) runs only under PXELINUX or SYSLINUX: booted from
     * a CD the {@code -iso-} branch is taken, so the others (network boot entries) are left out.
     */
    private static Set<String> notOnIso(List<Label> labels) {
        Set<String> out = new HashSet<>();
        for (Label l : labels) {
            if (l.kind != Kind.OTHER || l.kernel == null || !l.kernel.toLowerCase(Locale.ROOT).endsWith("whichsys.c32")) continue;
            Map<String, String> targets = new HashMap<>();
            String flag = null;
            for (String word : KernelCommandLine.split(l.append == null ? "" : l.append)) {
                if (word.matches("-[a-z]+-")) {
                    flag = word;
                } else if (flag != null) {
                    targets.putIfAbsent(flag, word);
                    flag = null;
                }
            }
            String iso = targets.get("-iso-");
            targets.forEach((f, target) -> {
                if (iso == null ? f.equals("-pxe-") : !f.equals("-iso-") && !target.equals(iso)) out.add(target);
            });
        }
        return out;
    }

    /** MENU DEFAULT first, then DEFAULT and ONTIMEOUT, main config before the ones its labels CONFIG. */
    private int defaultEntry() {
        Map<String, Integer> exact = new HashMap<>();
        Map<String, Integer> anyCase = new HashMap<>();
        for (int i = 0; i < entryLabels.size(); i++) {
            exact.putIfAbsent(entryLabels.get(i), i);
            anyCase.putIfAbsent(entryLabels.get(i).toLowerCase(Locale.ROOT), i);
        }
        List<String> refs = new ArrayList<>(menuDefaults);
        refs.addAll(namedDefaults);
        for (String ref : refs) {
            Integer i = exact.containsKey(ref) ? exact.get(ref) : anyCase.get(ref.toLowerCase(Locale.ROOT));
            if (i != null) return i;
        }
        return -1;
    }

    static String resolve(String cwd, String path) {
        return ConfigFiles.normalize(path.startsWith("/") ? path : cwd + "/" + path);
    }

    private static String word(String text) {
        String s = text.strip();
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) end++;
        return s.substring(0, end);
    }

    private static String afterWord(String text) {
        String s = text.strip();
        return s.substring(word(s).length()).strip();
    }
}
