package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.GrubWord;
import java.util.ArrayList;
import java.util.List;

/**
 * GRUB script text split into words and separators as GRUB 2.06's lexer ({@code grub-core/script/yylex.l})
 * splits it: single quotes keep everything; double quotes keep all but {@code $} expansions and the escapes
 * {@code \" \\ \$} and backslash-newline; an unquoted backslash escapes the next character (backslash-newline
 * joins lines); {@code #} at the start of a word comments to the end of the line; newline and {@code ;} end a
 * command; unquoted {@code {} and {@code }} are tokens of their own; unquoted {@code |&<>}, {@code [[}, {@code ]]}
 * and a {@code $} without a name are syntax errors. Variable references become {@link GrubWord.Var} inside double
 * quotes and {@link GrubWord.Split} outside them.
 */
final class GrubTokenizer {
    sealed interface Token {
        int line();
    }

    /** {@code plain}: written without quotes, escapes or line continuations, as a reserved word must be. */
    record Word(int line, GrubWord word, boolean plain) implements Token {}

    /** Newline or {@code ;}. */
    record End(int line, boolean semicolon) implements Token {}

    record Open(int line) implements Token {}

    record Close(int line) implements Token {}

    /** A quote or {@code ${} never closed: GRUB rejects the command; the rest of the text is lost. */
    record Broken(int line, String why) implements Token {}

    /** Text GRUB's lexer refuses ({@code |&<>} unquoted, {@code $} without a name): the command is a syntax error. */
    record Invalid(int line, String why) implements Token {}

    private final String s;
    private final int maxTokens;
    private final List<Token> out = new ArrayList<>();
    private int i;
    private int line = 1;
    private WordBuilder word;

    private GrubTokenizer(String s, int maxTokens) {
        this.s = s;
        this.maxTokens = maxTokens;
    }

    /** At most {@code maxTokens} tokens; a longer text ends in a {@link Broken} token. */
    static List<Token> tokenize(String text, int maxTokens) {
        GrubTokenizer t = new GrubTokenizer(text, maxTokens);
        t.run();
        return t.out;
    }

    private void run() {
        int n = s.length();
        while (i < n) {
            if (out.size() >= maxTokens) {
                broken("more than " + maxTokens + " words");
                return;
            }
            char c = s.charAt(i);
            if (c == '\\' && continuation(i + 1)) {
                if (word != null) word.quoted = true;
                continue;
            }
            if (c == '\n' || c == ';') {
                flush();
                out.add(new End(line, c == ';'));
                if (c == '\n') line++;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
                flush();
                i++;
            } else if (c == '{' || c == '}') {
                flush();
                out.add(c == '{' ? new Open(line) : new Close(line));
                i++;
            } else if (c == '|' || c == '&' || c == '<' || c == '>') {
                flush();
                out.add(new Invalid(line, "`" + c + "` outside quotes"));
                i++;
            } else if (c == '#' && word == null) {
                while (i < n && s.charAt(i) != '\n') i++;
            } else {
                if (word == null) word = new WordBuilder(line);
                if (!wordPart(c)) {
                    word = null;
                    return;
                }
            }
        }
        flush();
    }

    /** Reads one piece of a word starting at {@code c}; false when the text ends inside a quote. */
    private boolean wordPart(char c) {
        int n = s.length();
        if (c == '\'' || c == '"' || c == '\\') word.quoted = true;
        if (c == '\'') {
            int end = s.indexOf('\'', i + 1);
            if (end < 0) return broken("a single quote is never closed");
            String lit = s.substring(i + 1, end);
            word.lit(lit);
            line += count(lit, '\n');
            i = end + 1;
        } else if (c == '"') {
            int start = line;
            i++;
            while (true) {
                if (i >= n) {
                    line = start;
                    return broken("a double quote is never closed");
                }
                char d = s.charAt(i);
                if (d == '"') {
                    i++;
                    return true;
                }
                if (d == '\\' && continuation(i + 1)) continue;
                if (d == '\\' && i + 1 < n && "$\"\\".indexOf(s.charAt(i + 1)) >= 0) {
                    word.lit(s.charAt(i + 1));
                    i += 2;
                } else if (d == '$') {
                    if (!variable(true)) return false;
                } else {
                    if (d == '\n') line++;
                    word.lit(d);
                    i++;
                }
            }
        } else if (c == '\\') {
            if (i + 1 < n) word.lit(s.charAt(i + 1));
            else out.add(new Invalid(line, "a `\\` at the end of the file"));
            i += 2;
        } else if (c == '$') {
            return variable(false);
        } else {
            word.lit(c);
            i++;
        }
        return true;
    }

    /** At {@code s[i] == '$'}: a variable reference, or a plain dollar sign when no name follows. */
    private boolean variable(boolean quoted) {
        int n = s.length();
        int j = i + 1;
        String name = null;
        int next = j;
        if (j < n && s.charAt(j) == '{') {
            int end = s.indexOf('}', j + 1);
            int eol = s.indexOf('\n', j + 1);
            if (end < 0 || eol >= 0 && eol < end) return broken("a ${ is never closed");
            String inside = s.substring(j + 1, end);
            if (isName(inside)) name = inside;
            else out.add(new Invalid(line, "`${" + inside + "}` is no variable name"));
            next = end + 1;
        } else if (j < n && "?#@*".indexOf(s.charAt(j)) >= 0) {
            name = String.valueOf(s.charAt(j));
            next = j + 1;
        } else if (j < n && isDigit(s.charAt(j))) {
            while (next < n && isDigit(s.charAt(next))) next++;
            name = s.substring(j, next);
        } else if (j < n && isNameStart(s.charAt(j))) {
            while (next < n && (isNameStart(s.charAt(next)) || isDigit(s.charAt(next)))) next++;
            name = s.substring(j, next);
        } else {
            out.add(new Invalid(line, "a `$` without a variable name"));
        }
        if (name != null) word.var(name, quoted);
        i = next;
        return true;
    }

    private boolean continuation(int at) {
        if (at < s.length() && s.charAt(at) == '\n') {
            i = at + 1;
        } else if (at + 1 < s.length() && s.charAt(at) == '\r' && s.charAt(at + 1) == '\n') {
            i = at + 2;
        } else {
            return false;
        }
        line++;
        // GRUB's lexer waits for the continued line and meets the end of the file instead
        if (i >= s.length()) out.add(new Invalid(line, "a `\\` continuing the last line"));
        return true;
    }

    private boolean broken(String why) {
        out.add(new Broken(line, why));
        i = s.length();
        return false;
    }

    private void flush() {
        if (word != null) {
            GrubWord w = word.build();
            // "[[" and "]]" are tokens of GRUB's lexer that its grammar never accepts
            if (!word.quoted && w.parts().size() == 1 && w.parts().get(0) instanceof GrubWord.Lit l
                    && (l.text().equals("[[") || l.text().equals("]]"))) {
                out.add(new Invalid(word.line, "`" + l.text() + "`"));
            }
            out.add(new Word(word.line, w, !word.quoted));
        }
        word = null;
    }

    static boolean isName(String n) {
        if (n.isEmpty()) return false;
        if (n.length() == 1 && "?#@*".contains(n)) return true;
        if (n.chars().allMatch(ch -> ch >= '0' && ch <= '9')) return true;
        if (!isNameStart(n.charAt(0))) return false;
        return n.chars().allMatch(ch -> isNameStart((char) ch) || ch >= '0' && ch <= '9');
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int count(String text, char c) {
        int k = 0;
        for (int j = 0; j < text.length(); j++) if (text.charAt(j) == c) k++;
        return k;
    }

    private static final class WordBuilder {
        final int line;
        final List<GrubWord.Part> parts = new ArrayList<>();
        final StringBuilder lit = new StringBuilder();
        boolean quoted;

        WordBuilder(int line) {
            this.line = line;
        }

        void lit(String text) {
            lit.append(text);
        }

        void lit(char c) {
            lit.append(c);
        }

        void var(String name, boolean quoted) {
            flushLit();
            parts.add(quoted ? new GrubWord.Var(name) : new GrubWord.Split(name));
        }

        private void flushLit() {
            if (lit.length() > 0) parts.add(new GrubWord.Lit(lit.toString()));
            lit.setLength(0);
        }

        GrubWord build() {
            flushLit();
            // "" is a word of its own; an unquoted empty expansion is not (GrubVars drops it)
            if (parts.isEmpty()) parts.add(new GrubWord.Lit(""));
            return new GrubWord(parts);
        }
    }
}
