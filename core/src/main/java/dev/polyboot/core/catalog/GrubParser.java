package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.GrubWord;
import dev.polyboot.core.catalog.GrubTokenizer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GRUB script tokens grouped into commands and blocks as GRUB 2.06's grammar ({@code grub-core/script/parser.y})
 * nests them: {@code menuentry}/{@code submenu}/{@code function} with a braced body, {@code if ... then ...
 * [elif ... then ...] [else ...] fi}, {@code for NAME in ...; do ... done}, {@code while/until ...; do ... done}.
 * Nothing is evaluated here. What GRUB's parser refuses is refused here too, with the whole top-level command
 * around it (GRUB never shows such an entry): empty bodies, reserved words out of place, text after a closing
 * {@code }}/{@code fi}/{@code done}, a block never closed. Nesting deeper than {@link #MAX_DEPTH} ends the file,
 * so hostile input cannot exhaust the stack.
 */
final class GrubParser {
    static final int MAX_DEPTH = 32;

    sealed interface Stmt {
        int line();
    }

    record Command(int line, List<GrubWord> words) implements Stmt {}

    /**
     * A command with a braced block argument, e.g. {@code menuentry}, {@code submenu} or {@code function}: the
     * header's words (keyword first; "" when the first word is not literal) and the body.
     */
    record Block(int line, String keyword, List<GrubWord> header, List<Stmt> body) implements Stmt {}

    /** {@code if}/{@code for}/{@code while}/{@code until}: conditions and branches alike in {@code body}. */
    record Conditional(int line, String keyword, List<Stmt> body) implements Stmt {}

    private record Sequence(List<Stmt> stmts, boolean closed, int commands) {}

    private static final Set<String> BLOCKS = Set.of("menuentry", "submenu", "function");
    private static final Set<String> LOOPS_AND_CONDITIONS = Set.of("if", "for", "while", "until");
    // reserved words of GRUB's lexer; case/esac/select/in are reserved but in no rule of its grammar
    private static final Set<String> RESERVED = Set.of("then", "elif", "else", "fi", "do", "done", "case", "esac", "select", "in");

    /** Where an if or a loop is: which reserved word may come next, and whether the current part has a command. */
    private static final class Frame {
        enum Part { CONDITION, BODY, ELSE }

        final boolean loop;
        Part part = Part.CONDITION;
        int commands;

        Frame(boolean loop, int commands) {
            this.loop = loop;
            this.commands = commands;
        }

        /** Moves on past {@code word}: false when GRUB's grammar does not allow it here. */
        boolean accept(String word) {
            boolean ok = commands > 0 && switch (word) {
                case "then" -> !loop && part == Part.CONDITION;
                case "elif", "else" -> !loop && part == Part.BODY;
                case "fi" -> !loop && part != Part.CONDITION;
                case "do" -> loop && part == Part.CONDITION;
                case "done" -> loop && part == Part.BODY;
                default -> false;
            };
            if (ok) {
                part = word.equals("else") ? Part.ELSE : word.equals("elif") ? Part.CONDITION : Part.BODY;
                commands = 0;
            }
            return ok;
        }
    }

    private final List<Token> tokens;
    private final String file;
    private final ConfigFiles files;
    private int pos;
    private boolean aborted;
    private int syntaxErrors;

    private GrubParser(List<Token> tokens, String file, ConfigFiles files) {
        this.tokens = tokens;
        this.file = file;
        this.files = files;
    }

    static List<Stmt> parse(ConfigFiles.Text text, ConfigFiles files) {
        List<Token> tokens = GrubTokenizer.tokenize(text.text(), files.tokenAllowance());
        files.spendTokens(tokens.size());
        return new GrubParser(tokens, text.path(), files).sequence(0, null, false, false).stmts();
    }

    /**
     * Commands up to the end of the text, or of the braced body ({@code brace}; a {@code function} body wants
     * its "}" after a separator), or of the if/loop ({@code frame}).
     */
    private Sequence sequence(int depth, Frame frame, boolean brace, boolean function) {
        List<Stmt> out = new ArrayList<>();
        int commands = 0;
        if (depth > MAX_DEPTH) {
            problem(peekLine(), "nested more than " + MAX_DEPTH + " levels deep: the rest of the file is ignored");
            aborted = true;
        }
        while (!aborted && pos < tokens.size()) {
            int line = tokens.get(pos).line();
            List<GrubTokenizer.Word> words = new ArrayList<>();
            Token end = null;
            GrubTokenizer.Invalid invalid = null;
            while (pos < tokens.size()) {
                Token t = tokens.get(pos++);
                if (t instanceof GrubTokenizer.Word w) words.add(w);
                else if (t instanceof GrubTokenizer.Invalid i) invalid = invalid == null ? i : invalid;
                else {
                    end = t;
                    break;
                }
            }
            if (end instanceof GrubTokenizer.Broken b) {
                problem(b.line(), b.why() + ": the rest of the file is ignored");
                aborted = true;
                break;
            }
            if (invalid != null) {
                syntaxError(invalid.line(), invalid.why());
                words.clear();
                if (end instanceof GrubTokenizer.Open) skipBlock();
            }
            while (!words.isEmpty() && RESERVED.contains(reserved(words.get(0)))) {
                String reserved = reserved(words.remove(0));
                if (frame == null || !frame.accept(reserved)) {
                    syntaxError(line, "`" + reserved + "` out of place");
                    words.clear();
                } else if (reserved.equals("fi") || reserved.equals("done")) {
                    if (!words.isEmpty() || end instanceof GrubTokenizer.Open) {
                        syntaxError(line, "text after `" + reserved + "`");
                        if (end instanceof GrubTokenizer.Open) skipBlock();
                    } else if (end instanceof GrubTokenizer.Close) {
                        pos--; // the "}" of an enclosing block
                    }
                    return new Sequence(out, true, commands);
                }
            }
            if (words.isEmpty() && end instanceof GrubTokenizer.End e && e.semicolon() && invalid == null) {
                syntaxError(line, "`;` without a command");
            }
            String reserved = words.isEmpty() ? null : reserved(words.get(0));
            String keyword = words.isEmpty() ? null : literal(words.get(0).word());
            if (keyword != null && !keyword.equals(reserved) && (LOOPS_AND_CONDITIONS.contains(keyword) || keyword.equals("function"))) {
                keyword = null; // quoted or escaped: some command of that name, not the reserved word
            }
            List<GrubWord> header = words.stream().map(GrubTokenizer.Word::word).toList();
            if (!words.isEmpty()) {
                commands++;
                if (frame != null) frame.commands++;
            }
            if (keyword != null && LOOPS_AND_CONDITIONS.contains(keyword)) {
                conditional(depth, line, keyword, header, end, out);
            } else if (end instanceof GrubTokenizer.Open && !words.isEmpty()) {
                block(depth, line, keyword == null ? "" : keyword, header, out);
            } else if (end instanceof GrubTokenizer.Open) {
                syntaxError(end.line(), "`{` without a command");
                skipBlock();
            } else if ("function".equals(keyword)) {
                syntaxError(line, "`function` without `{` on its line");
            } else if (keyword != null && BLOCKS.contains(keyword)) {
                // GRUB's parser takes it (the "{" must be on the same line), its command fails at boot
                problem(line, "`" + keyword + "` without `{` on its line: ignored");
            } else if (!words.isEmpty()) {
                out.add(new Command(line, header));
            }
            if (end instanceof GrubTokenizer.Close c) {
                if (function && !(pos >= 2 && tokens.get(pos - 2) instanceof GrubTokenizer.End)) {
                    syntaxError(c.line(), "a function's `}` not on a line of its own");
                }
                if (brace) return new Sequence(out, true, commands);
                syntaxError(c.line(), "`}` without a matching `{`");
            }
        }
        return new Sequence(out, frame == null && !brace && !aborted, commands);
    }

    /** A command with a block argument: {@code menuentry}, {@code submenu}, {@code function}, or any other. */
    private void block(int depth, int line, String keyword, List<GrubWord> header, List<Stmt> out) {
        int errors = syntaxErrors;
        if (keyword.equals("function") && header.size() != 2) syntaxError(line, "`function` without exactly one name");
        Sequence body = sequence(depth + 1, null, true, keyword.equals("function"));
        if (!body.closed()) {
            if (!aborted) problem(line, "`" + keyword + "` never closed (no `}`): ignored");
            return;
        }
        if (body.commands() == 0) syntaxError(line, "`" + keyword + "` with an empty body");
        endOfCommand("}");
        keep(line, keyword, errors, new Block(line, keyword, List.copyOf(header), body.stmts()), out);
    }

    private void conditional(int depth, int line, String keyword, List<GrubWord> header, Token end, List<Stmt> out) {
        int errors = syntaxErrors;
        if (keyword.equals("for") && (header.size() < 3 || !"in".equals(literal(header.get(2))))) {
            syntaxError(line, "`for` without `NAME in`");
        }
        if (end instanceof GrubTokenizer.Open) block(depth, line, keyword, header, new ArrayList<>()); // "if cmd { ... }; then"
        boolean loop = !keyword.equals("if");
        Sequence body = sequence(depth + 1, new Frame(loop, header.size() > 1 ? 1 : 0), false, false);
        if (!body.closed()) {
            if (!aborted) problem(line, "`" + keyword + "` never closed (no `" + (loop ? "done" : "fi") + "`): ignored");
            return;
        }
        keep(line, keyword, errors, new Conditional(line, keyword, body.stmts()), out);
    }

    /** GRUB refuses the whole command when anything inside it was a syntax error. */
    private void keep(int line, String keyword, int errorsBefore, Stmt stmt, List<Stmt> out) {
        if (syntaxErrors > errorsBefore) problem(line, "`" + keyword + "` with a syntax error in it: ignored, as GRUB ignores it");
        else out.add(stmt);
    }

    /** After a closing "}": "} menuentry b {" or "}b" are syntax errors; the command must end there. */
    private void endOfCommand(String closer) {
        if (pos < tokens.size() && tokens.get(pos) instanceof GrubTokenizer.End e && e.semicolon()) {
            pos++; // "};" ends the command as a newline does
            return;
        }
        if (pos >= tokens.size() || tokens.get(pos) instanceof GrubTokenizer.End || tokens.get(pos) instanceof GrubTokenizer.Close) return;
        syntaxError(tokens.get(pos).line(), "text after `" + closer + "`");
        int open = 0;
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (open == 0 && (t instanceof GrubTokenizer.End || t instanceof GrubTokenizer.Close)) return;
            if (t instanceof GrubTokenizer.Open) open++;
            else if (t instanceof GrubTokenizer.Close) open--;
            pos++;
        }
    }

    /** After a stray "{": up to its matching "}", flat, so no nesting can overflow the stack. */
    private void skipBlock() {
        int open = 1;
        while (pos < tokens.size() && open > 0) {
            Token t = tokens.get(pos++);
            if (t instanceof GrubTokenizer.Open) open++;
            else if (t instanceof GrubTokenizer.Close) open--;
        }
    }

    private void syntaxError(int line, String what) {
        syntaxErrors++;
        problem(line, what + " is a GRUB syntax error");
    }

    private int peekLine() {
        return pos < tokens.size() ? tokens.get(pos).line() : tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
    }

    private void problem(int line, String what) {
        files.problem(file + " line " + line + ": " + what);
    }

    /** A reserved word's text ("" for any other word): only a plain word can be one. */
    private static String reserved(GrubTokenizer.Word w) {
        String text = w.plain() ? literal(w.word()) : null;
        return text == null ? "" : text;
    }

    /** The word's text when it has no variable in it, else null. */
    static String literal(GrubWord w) {
        StringBuilder b = new StringBuilder();
        for (GrubWord.Part p : w.parts()) {
            if (!(p instanceof GrubWord.Lit l)) return null;
            b.append(l.text());
        }
        return b.toString();
    }
}
