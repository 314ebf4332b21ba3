package dev.polyboot.core.boot;

import dev.polyboot.core.boot.GrubScript.Command;
import dev.polyboot.core.boot.GrubScript.Node;
import java.util.ArrayList;
import java.util.List;

/** Short builders for {@link GrubScript} nodes so that the menu reads like the script it makes. */
final class Grub {
    private Grub() {}

    /** A command; each argument is a {@link GrubWord} or a String taken literally. */
    static Command cmd(String name, Object... args) {
        return new Command(name, words(args));
    }

    static List<GrubWord> words(Object... args) {
        List<GrubWord> out = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof GrubWord w) out.add(w);
            else if (a instanceof String s) out.add(GrubWord.lit(s));
            else throw new IllegalArgumentException("not a GRUB word: " + a);
        }
        return out;
    }

    /** A word mixing literal text (String), variables ({@link #v}) and wildcards ({@link #glob}). */
    static GrubWord word(Object... parts) {
        List<GrubWord.Part> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof GrubWord.Part part) out.add(part);
            else if (p instanceof String s) out.add(new GrubWord.Lit(s));
            else throw new IllegalArgumentException("not a word part: " + p);
        }
        return new GrubWord(out);
    }

    static GrubWord.Var v(String name) {
        return new GrubWord.Var(name);
    }

    static GrubWord var(String name) {
        return GrubWord.var(name);
    }

    static GrubWord.Glob glob(String pattern) {
        return new GrubWord.Glob(pattern);
    }

    static GrubScript.If ifThen(Command condition, Node... then) {
        return new GrubScript.If(condition, List.of(then), List.of());
    }

    static GrubScript.If ifElse(Command condition, List<Node> then, List<Node> otherwise) {
        return new GrubScript.If(condition, then, otherwise);
    }

    static GrubScript.While whileDo(Command condition, Node... body) {
        return new GrubScript.While(condition, List.of(body));
    }

    static GrubScript.Function function(String name, Node... body) {
        return new GrubScript.Function(name, List.of(body));
    }

    static GrubScript.For forEach(String variable, List<GrubWord> words, Node... body) {
        return new GrubScript.For(variable, words, List.of(body));
    }

    static GrubScript.Comment comment(String text) {
        return new GrubScript.Comment(text);
    }

    static GrubScript.Blank blank() {
        return new GrubScript.Blank();
    }

    static Command ret() {
        return cmd("return");
    }
}
