package dev.polyboot.core.boot;

import java.util.List;

/** A GRUB script as a tree of commands and blocks; {@link #render()} is the only way to text. */
public record GrubScript(List<Node> nodes) {
    public GrubScript {
        nodes = List.copyOf(nodes);
    }

    public sealed interface Node {}

    /** A simple command: {@code name arg...}. */
    public record Command(String name, List<GrubWord> args) implements Node {
        public Command {
            GrubQuoting.identifier(name);
            args = List.copyOf(args);
        }
    }

    /** {@code if CONDITION; then ...; else ...; fi}; an empty else branch is left out. */
    public record If(Command condition, List<Node> then, List<Node> otherwise) implements Node {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** {@code for VAR in WORDS; do ...; done}. */
    public record For(String variable, List<GrubWord> words, List<Node> body) implements Node {
        public For {
            GrubQuoting.identifier(variable);
            words = List.copyOf(words);
            body = List.copyOf(body);
        }
    }

    /** {@code while CONDITION; do ...; done}. */
    public record While(Command condition, List<Node> body) implements Node {
        public While {
            body = List.copyOf(body);
        }
    }

    /** {@code function NAME { ... }}; arguments arrive as $1, $2, ... */
    public record Function(String name, List<Node> body) implements Node {
        public Function {
            GrubQuoting.identifier(name);
            body = List.copyOf(body);
        }
    }

    /**
     * {@code menuentry TITLE OPTIONS... EXTRA... { ... }}: the body runs when the entry is chosen, with the
     * title as $1 and the extra arguments as $2, $3, ... (so one body serves every file). {@code id} ({@code --id}),
     * or null, names the entry for {@code set default=ID} whatever its position.
     */
    public record MenuEntry(GrubWord title, List<String> options, List<GrubWord> extraArgs, List<Node> body, GrubWord id)
            implements Node {
        public MenuEntry(GrubWord title, List<String> options, List<GrubWord> extraArgs, List<Node> body) {
            this(title, options, extraArgs, body, null);
        }

        public MenuEntry {
            options = List.copyOf(options);
            for (String o : options) {
                if (!o.matches("--[a-z-]+(=[A-Za-z0-9_-]+)?")) throw new IllegalArgumentException("bad menuentry option " + o);
            }
            extraArgs = List.copyOf(extraArgs);
            body = List.copyOf(body);
        }
    }

    /**
     * {@code submenu TITLE { ... }}: a menu of its own, whose body runs when it is opened, in a new context that sees
     * only exported variables (functions are global).
     */
    public record Submenu(GrubWord title, List<GrubWord> options, List<Node> body) implements Node {
        public Submenu(GrubWord title, List<Node> body) {
            this(title, List.of(), body);
        }

        /** @param options words after the title, e.g. {@code --unrestricted} or a variable holding {@code --users=NAME} */
        public Submenu {
            options = List.copyOf(options);
            body = List.copyOf(body);
        }
    }

    public record Comment(String text) implements Node {}

    public record Blank() implements Node {}

    public String render() {
        StringBuilder out = new StringBuilder();
        render(nodes, 0, out);
        return out.toString();
    }

    private static void render(List<Node> nodes, int depth, StringBuilder out) {
        if (nodes.isEmpty()) {
            // GRUB's parser rejects empty blocks.
            line(depth, out).append("true\n");
            return;
        }
        for (Node n : nodes) {
            if (n instanceof Command c) {
                line(depth, out).append(command(c)).append('\n');
            } else if (n instanceof If i) {
                line(depth, out).append("if ").append(command(i.condition())).append("; then\n");
                render(i.then(), depth + 1, out);
                if (!i.otherwise().isEmpty()) {
                    line(depth, out).append("else\n");
                    render(i.otherwise(), depth + 1, out);
                }
                line(depth, out).append("fi\n");
            } else if (n instanceof For f) {
                line(depth, out).append("for ").append(f.variable()).append(" in").append(words(f.words())).append("; do\n");
                render(f.body(), depth + 1, out);
                line(depth, out).append("done\n");
            } else if (n instanceof While w) {
                line(depth, out).append("while ").append(command(w.condition())).append("; do\n");
                render(w.body(), depth + 1, out);
                line(depth, out).append("done\n");
            } else if (n instanceof Function f) {
                line(depth, out).append("function ").append(f.name()).append(" {\n");
                render(f.body(), depth + 1, out);
                line(depth, out).append("}\n");
            } else if (n instanceof MenuEntry m) {
                line(depth, out).append("menuentry ").append(m.title().render());
                for (String o : m.options()) out.append(' ').append(o);
                if (m.id() != null) out.append(" --id ").append(m.id().render());
                out.append(words(m.extraArgs())).append(" {\n");
                render(m.body(), depth + 1, out);
                line(depth, out).append("}\n");
            } else if (n instanceof Submenu m) {
                line(depth, out).append("submenu ").append(m.title().render()).append(words(m.options())).append(" {\n");
                render(m.body(), depth + 1, out);
                line(depth, out).append("}\n");
            } else if (n instanceof Comment c) {
                line(depth, out).append("# ").append(GrubQuoting.comment(c.text())).append('\n');
            } else {
                out.append('\n');
            }
        }
    }

    private static String command(Command c) {
        return c.name() + words(c.args());
    }

    private static String words(List<GrubWord> words) {
        StringBuilder b = new StringBuilder();
        for (GrubWord w : words) b.append(' ').append(w.render());
        return b.toString();
    }

    private static StringBuilder line(int depth, StringBuilder out) {
        return out.append("  ".repeat(depth));
    }
}
