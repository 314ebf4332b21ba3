package dev.polyboot.core.boot;

import java.util.List;

/**
 * One shell word of a GRUB script, built from parts that are rendered next to each other without space:
 * literal text, variable references and wildcard patterns. Only {@link GrubQuoting} turns parts into text.
 */
public record GrubWord(List<Part> parts) {
    public GrubWord {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) throw new IllegalArgumentException("empty word");
    }

    public sealed interface Part {}

    /** Literal text, passed on unchanged. */
    public record Lit(String text) implements Part {}

    /** {@code "${name}"}: the variable's value as one word. */
    public record Var(String name) implements Part {}

    /**
     * {@code ${name}} unquoted: the value split at white space into several words (and wildcard-expanded), for
     * lists kept in one variable or argument.
     */
    public record Split(String name) implements Part {}

    /** Wildcard pattern, expanded into file names at run time. */
    public record Glob(String pattern) implements Part {}

    public static GrubWord lit(String text) {
        return new GrubWord(List.of(new Lit(text)));
    }

    public static GrubWord var(String name) {
        return new GrubWord(List.of(new Var(name)));
    }

    public static GrubWord of(Part... parts) {
        return new GrubWord(List.of(parts));
    }

    String render() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Lit l) b.append(GrubQuoting.quote(l.text()));
            else if (p instanceof Var v) b.append(GrubQuoting.variable(v.name()));
            else if (p instanceof Split v) b.append(GrubQuoting.splitVariable(v.name()));
            else b.append(GrubQuoting.glob(((Glob) p).pattern()));
        }
        return b.toString();
    }
}
