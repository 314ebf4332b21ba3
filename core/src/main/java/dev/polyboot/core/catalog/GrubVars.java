package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.GrubWord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables a GRUB config sets, and words expanded with them as GRUB expands them: a quoted reference is
 * one piece of its word, an unquoted one is split at white space. Only what the config itself sets is known;
 * a variable set inside an {@code if}, or from a variable GRUB sets at boot, has an unknown value. {@code iso_path} is never expanded: it stays the
 * text {@code ${iso_path}}, which polyboot fills in when it boots the entry, as GRUB's loopback convention has it.
 */
final class GrubVars {
    static final String ISO_PATH = "iso_path";

    /** A word list after expansion, with the references that could not be expanded. */
    record Expansion(List<String> words, Set<String> unset, Set<String> unknown) {
        boolean complete() {
            return unset.isEmpty() && unknown.isEmpty();
        }

        String joined() {
            return String.join(" ", words);
        }
    }

    // one layer per scope (entry, submenu), looked up innermost first: a scope costs nothing until it sets something
    private final GrubVars parent;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> unknown = new HashSet<>();
    private final Set<String> removed = new HashSet<>();

    GrubVars() {
        this(null);
    }

    private GrubVars(GrubVars parent) {
        this.parent = parent;
    }

    /** A scope whose settings do not reach this one (a menu entry's body, a submenu). */
    GrubVars child() {
        return new GrubVars(this);
    }

    void set(String name, String value) {
        values.put(name, value);
        unknown.remove(name);
        removed.remove(name);
    }

    void unset(String name) {
        values.remove(name);
        unknown.remove(name);
        removed.add(name);
    }

    /** Set where GRUB may or may not get (inside {@code if}), or to what only GRUB knows: from here on unknown. */
    void setUnknown(String name) {
        values.remove(name);
        removed.remove(name);
        unknown.add(name);
    }

    Expansion expand(List<GrubWord> words) {
        return expand(words, false);
    }

    /**
     * With {@code path}, a leading device such as {@code ($root)}, {@code (loop)} or {@code (hd0,msdos1)} is
     * dropped first, variables in it included: every path of the ISO's menu is a path on the ISO.
     */
    Expansion expand(List<GrubWord> words, boolean path) {
        List<String> out = new ArrayList<>();
        Set<String> unset = new LinkedHashSet<>();
        Set<String> cond = new LinkedHashSet<>();
        for (GrubWord w : words) {
            List<GrubWord.Part> parts = path ? withoutDevice(w.parts()) : w.parts();
            StringBuilder cur = new StringBuilder();
            boolean have = false; // a word exists even if empty, once anything but an unquoted expansion is in it
            for (GrubWord.Part p : parts) {
                if (p instanceof GrubWord.Lit l) {
                    cur.append(l.text());
                    have = true;
                } else {
                    String name = p instanceof GrubWord.Var v ? v.name() : ((GrubWord.Split) p).name();
                    String value = lookup(name, unset, cond);
                    if (p instanceof GrubWord.Var || name.equals(ISO_PATH)) {
                        cur.append(value);
                        have = true;
                        continue;
                    }
                    String[] pieces = value.split("[ \t\n]+", -1);
                    for (int k = 0; k < pieces.length; k++) {
                        if (k > 0) {
                            if (have || cur.length() > 0) out.add(cur.toString());
                            cur.setLength(0);
                            have = false;
                        }
                        cur.append(pieces[k]);
                    }
                }
            }
            if (have || cur.length() > 0) out.add(cur.toString());
        }
        return new Expansion(out, unset, cond);
    }

    private String lookup(String name, Set<String> unset, Set<String> cond) {
        if (name.equals(ISO_PATH)) return "${" + ISO_PATH + "}";
        for (GrubVars v = this; v != null; v = v.parent) {
            String value = v.values.get(name);
            if (value != null) return value;
            if (v.unknown.contains(name)) {
                cond.add(name);
                return "";
            }
            if (v.removed.contains(name)) break;
        }
        unset.add(name);
        return "";
    }

    private static List<GrubWord.Part> withoutDevice(List<GrubWord.Part> parts) {
        if (parts.isEmpty() || !(parts.get(0) instanceof GrubWord.Lit first) || !first.text().startsWith("(")) return parts;
        for (int k = 0; k < parts.size(); k++) {
            if (parts.get(k) instanceof GrubWord.Lit l && l.text().indexOf(')') >= 0) {
                List<GrubWord.Part> rest = new ArrayList<>();
                String after = l.text().substring(l.text().indexOf(')') + 1);
                if (!after.isEmpty()) rest.add(new GrubWord.Lit(after));
                rest.addAll(parts.subList(k + 1, parts.size()));
                return rest;
            }
        }
        return parts;
    }
}
