package dev.polyboot.core.boot;

import java.util.regex.Pattern;

/**
 * The one place where text becomes GRUB script syntax (GRUB 2.06 {@code grub-core/script/yylex.l}).
 * Literal text is left bare only when it holds no character the lexer treats specially, otherwise it is
 * single-quoted (no escapes exist inside single quotes, so {@code '} is written as {@code '\''}).
 */
public final class GrubQuoting {
    // Parentheses and commas are ordinary word characters in GRUB script: "(hd0,1)/x" is one word.
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./,:=+@%^()-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*]");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_./,()*?+-]+");

    private GrubQuoting() {}

    /** {@code text} as one GRUB word that the shell passes on unchanged (no expansion, no splitting). */
    public static String quote(String text) {
        requirePrintable(text);
        if (!text.isEmpty() && BARE.matcher(text).matches() && !text.startsWith("#")) return text;
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A variable reference inside double quotes: expanded, never split, never globbed. */
    static String variable(String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a GRUB variable name: " + name);
        return "\"${" + name + "}\"";
    }

    /** An unquoted variable reference: expanded, split at white space, wildcards expanded. */
    static String splitVariable(String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a GRUB variable name: " + name);
        return "${" + name + "}";
    }

    /** Unquoted wildcard text, expanded by GRUB at run time; only a small safe alphabet is accepted. */
    static String glob(String pattern) {
        if (!GLOB.matcher(pattern).matches()) throw new IllegalArgumentException("unsafe characters in GRUB wildcard: " + pattern);
        return pattern;
    }

    /** Names of commands and functions. */
    static String identifier(String name) {
        if (!name.matches("[A-Za-z_\\[][A-Za-z0-9_-]*")) throw new IllegalArgumentException("not a GRUB command name: " + name);
        return name;
    }

    /** Comment text (one line, after "# "). */
    static String comment(String text) {
        requirePrintable(text);
        return text;
    }

    private static void requirePrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) throw new IllegalArgumentException("control character in GRUB text: " + text.replace("\n", "\\n"));
        }
    }
}
