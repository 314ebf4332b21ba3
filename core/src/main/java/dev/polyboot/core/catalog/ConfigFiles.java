package dev.polyboot.core.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The boot config files of one ISO as the GRUB and syslinux readers open them. Everything in them is hostile
 * input, so every cost has a cap: files read, bytes per file, text parsed in total (a small file sourced from
 * many places is parsed each time), include operations, include depth, entries per config; a file that
 * includes itself, directly or not, is not entered again. Each refusal becomes a problem, never an exception.
 */
final class ConfigFiles {
    static final int MAX_FILES = 64;
    static final int MAX_FILE_BYTES = 1 << 20;
    static final int MAX_DEPTH = 8;
    static final int MAX_ENTRIES = 1000;
    static final int MAX_INCLUDES = 1024;
    static final long MAX_TEXT_TOTAL = 16L << 20;
    static final int MAX_PROBLEMS = 100;
    /** GRUB words and separators per file, and in all: what the parsed statements of nested files hold in memory. */
    static final int MAX_FILE_TOKENS = 100_000;
    static final int MAX_TOKENS_TOTAL = 500_000;
    /** syslinux labels in all, Linux or not. */
    static final int MAX_LABELS = 10_000;

    /** A config file's text; {@code path} is the ISO's exact spelling. */
    record Text(String path, String text) {}

    private final ImageContent iso;
    private final Map<String, String> cache = new HashMap<>();
    private final Deque<String> open = new ArrayDeque<>();
    private int includes;
    private long textParsed;
    private int tokensLeft = MAX_TOKENS_TOTAL;
    private int entries;
    private boolean capped;
    private List<String> problems = new ArrayList<>();
    private final Set<String> said = new HashSet<>();

    ConfigFiles(ImageContent iso) {
        this.iso = iso;
    }

    /** Starts reading one candidate config: a fresh entry count and problem list. */
    void begin(List<String> sink) {
        problems = sink;
        said.clear();
        entries = 0;
        capped = false;
        open.clear();
    }

    void problem(String text) {
        if (said.size() > MAX_PROBLEMS || !said.add(text)) return;
        problems.add(said.size() > MAX_PROBLEMS ? "more than " + MAX_PROBLEMS + " problems: the rest are not listed" : text);
    }

    /**
     * Opens {@code path} (absolute, any case) for parsing, or records why not. {@code where} ("FILE line N", or
     * null for a main config) locates the command that asked. A returned file must be closed with {@link #leave}.
     */
    Optional<Text> enter(String path, String where) throws IOException {
        String asked = where == null ? path : where + ": `" + path + "`";
        if (where != null && ++includes > MAX_INCLUDES) {
            problem("more than " + MAX_INCLUDES + " include commands: the rest are not followed");
            return Optional.empty();
        }
        if (open.size() > MAX_DEPTH) {
            problem(asked + " is nested more than " + MAX_DEPTH + " includes deep: not read");
            return Optional.empty();
        }
        Optional<String> exact = iso.find(normalize(path));
        if (exact.isEmpty()) {
            problem(asked + " is not in the ISO");
            return Optional.empty();
        }
        if (open.contains(exact.get())) {
            problem(asked + " includes itself (a loop): not read again");
            return Optional.empty();
        }
        Optional<String> text = text(exact.get(), asked);
        if (text.isEmpty()) return Optional.empty();
        if (textParsed + text.get().length() > MAX_TEXT_TOTAL) {
            problem(asked + ": more than " + (MAX_TEXT_TOTAL >> 20) + " MiB of config text in all: not read");
            return Optional.empty();
        }
        textParsed += text.get().length();
        open.push(exact.get());
        return Optional.of(new Text(exact.get(), text.get()));
    }

    void leave() {
        open.pop();
    }

    /** How many GRUB tokens the next file may have. */
    int tokenAllowance() {
        return Math.min(MAX_FILE_TOKENS, tokensLeft);
    }

    void spendTokens(int n) {
        tokensLeft = Math.max(0, tokensLeft - n);
    }

    /** Counts one more entry; false (and a problem) past the cap. */
    boolean addEntry() {
        if (entries >= MAX_ENTRIES) {
            problem("more than " + MAX_ENTRIES + " entries: the rest are ignored");
            capped = true;
            return false;
        }
        entries++;
        return true;
    }

    /** Whether an entry was refused for the cap: the readers stop there. */
    boolean capped() {
        return capped;
    }

    private Optional<String> text(String exact, String asked) throws IOException {
        if (cache.containsKey(exact)) return Optional.ofNullable(cache.get(exact));
        if (cache.size() >= MAX_FILES) {
            problem(asked + ": more than " + MAX_FILES + " config files: not read");
            return Optional.empty();
        }
        Optional<byte[]> bytes = iso.read(exact, MAX_FILE_BYTES + 1);
        String text = null;
        if (bytes.isEmpty()) {
            problem(asked + " is a directory, not a config file");
        } else if (containsNul(bytes.get())) {
            problem(exact + " is not a text file (it holds NUL bytes): not read");
        } else {
            byte[] b = bytes.get();
            int n = b.length;
            if (n > MAX_FILE_BYTES) {
                problem(exact + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB: only its first MiB is read");
                n = MAX_FILE_BYTES;
                // the line cut in two would be read as a shorter, different command
                while (n > 0 && b[n - 1] != '\n') n--;
            }
            text = new String(b, 0, n, StandardCharsets.UTF_8);
        }
        cache.put(exact, text);
        return Optional.ofNullable(text);
    }

    private static boolean containsNul(byte[] b) {
        for (byte x : b) if (x == 0) return true;
        return false;
    }

    /** An absolute path with "//", "." and ".." resolved; ".." stops at the root. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The directory of an absolute path ("/" for a file in the root). */
    static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
