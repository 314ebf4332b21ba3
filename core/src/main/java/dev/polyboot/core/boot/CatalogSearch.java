package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.comment;
import static dev.polyboot.core.boot.Grub.function;
import static dev.polyboot.core.boot.Grub.ifElse;
import static dev.polyboot.core.boot.Grub.ifThen;
import static dev.polyboot.core.boot.Grub.v;
import static dev.polyboot.core.boot.Grub.var;
import static dev.polyboot.core.boot.Grub.whileDo;
import static dev.polyboot.core.boot.Grub.word;

import dev.polyboot.core.boot.GrubScript.MenuEntry;
import dev.polyboot.core.boot.GrubScript.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue's in-menu search: an entry {@value #TITLE} that reads a word with GRUB's {@code read} and opens a
 * submenu of the catalogued images whose title or path contains it, ignoring case, or one entry saying nothing matched.
 * GRUB 2.06's {@code regexp} (POSIX extended, gnulib) has no case-insensitive option and GRUB script no string
 * functions, so case is handled in two halves: each image's title and path are lower-cased (ASCII A-Z only) here, at
 * generation time, and {@code pb_search_word} lower-cases the typed word character by character at run time (an upper-case
 * letter X is looked up as "X(.)" in "AaBb...Zz") and puts a backslash before every ERE special character, so the
 * word is matched as plain text. Letters outside A-Z are compared as typed.
 */
public final class CatalogSearch {
    public static final String TITLE = "Search images...";
    public static final String PROMPT = "Search the images for (part of a title or path, then Enter):";
    static final String NO_MATCH = "No image title or path contains: ";
    /** ERE's special characters, as a bracket expression: ']' first and '\' are literal inside brackets (POSIX). */
    private static final String SPECIALS = "^[][.()*+?{}|^$\\]$";
    private static final String LETTER_PAIRS;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 'A'; c <= 'Z'; c++) b.append(c).append(Character.toLowerCase(c));
        LETTER_PAIRS = b.toString();
    }

    private CatalogSearch() {}

    /** {@code pb_search_word WORD} sets {@code pb_q}; {@code pb_find TITLE PATH ARG...} runs {@code pb_cat ARG...} on a match. */
    static List<Node> functions() {
        return List.of(
                comment("pb_search_word WORD: pb_q = WORD in lower case (A-Z), ERE specials escaped, for regexp."),
                function("pb_search_word",
                        cmd("set", "pb_q="),
                        cmd("set", word("pb_rest=", v("1"))),
                        whileDo(cmd("regexp", "--set", "1:pb_c", "--set", "2:pb_rest", "^(.)(.*)$", var("pb_rest")),
                                ifElse(cmd("regexp", "^[A-Z]$", var("pb_c")),
                                        List.of(cmd("regexp", "--set", "1:pb_c", word(v("pb_c"), "(.)"), LETTER_PAIRS)),
                                        List.of(ifThen(cmd("regexp", SPECIALS, var("pb_c")),
                                                cmd("set", word("pb_c=\\", v("pb_c")))))),
                                cmd("set", word("pb_q=", v("pb_q"), v("pb_c"))))),
                comment("pb_find TITLE PATH ARG...: pb_cat ARG... when TITLE or PATH (lower case) contains the word in pb_q."),
                function("pb_find",
                        cmd("set", "pb_m="),
                        ifElse(cmd("regexp", var("pb_q"), var("1")),
                                List.of(cmd("set", "pb_m=1")),
                                List.of(ifThen(cmd("regexp", var("pb_q"), var("2")), cmd("set", "pb_m=1")))),
                        ifThen(cmd("test", "-n", var("pb_m")),
                                cmd("set", "pb_hit=1"),
                                cmd("shift", "2"),
                                cmd("pb_cat", var("@")))));
    }

    /**
     * The search entry: a submenu whose body (run when it is opened, before its menu is drawn) reads the word and
     * sources {@link CatalogMenu#SEARCH_CFG}, whose {@code pb_find} lines define one entry per match, each through
     * {@code pb_cat} exactly like the main menu's. Under Secure Boot the file's signature is checked first, as grub.cfg
     * checks catalog.cfg's ({@code source} would skip a file with a bad signature without a word).
     *
     * @param options the submenu's options ({@code --unrestricted} when the menu has passwords)
     */
    static Node submenu(List<GrubWord> options) {
        GrubWord file = word(v("pb_data"), CatalogMenu.SEARCH_CFG);
        List<Node> body = new ArrayList<>();
        body.add(cmd("echo", PROMPT));
        body.add(cmd("read", "pb_word"));
        body.add(cmd("pb_search_word", var("pb_word")));
        body.add(cmd("set", "pb_hit="));
        body.add(ifElse(SecureBootScript.underSecureBoot(),
                List.of(ifElse(cmd("verify_detached", file, word(v("pb_data"), CatalogMenu.SEARCH_CFG + EspContents.SIGNATURE_SUFFIX)),
                        List.of(cmd("source", file)),
                        List.of(cmd("set", "pb_hit=1"),
                                new MenuEntry(GrubWord.lit(REFUSED_TITLE), List.of(CatalogPasswords.FREE), List.of(),
                                        List.of(cmd("pb_fail", REFUSED)))))),
                List.of(cmd("source", file))));
        body.add(ifThen(cmd("test", "-z", var("pb_hit")),
                // a message, open to everyone even when catalog.cfg's passwords turned GRUB's superusers on
                new MenuEntry(word(NO_MATCH, v("pb_word")), List.of(CatalogPasswords.FREE), List.of(),
                        List.of(cmd("pb_fail", "no image matches that word. Press Esc for the menu, then search again.")))));
        if (!options.isEmpty()) body.add(CatalogPasswords.back()); // passwords: Esc would ask for a superuser
        // catalog.cfg set default=1 (the main menu's header is entry 0); this menu has no header.
        body.add(cmd("set", "default=0"));
        return new GrubScript.Submenu(GrubWord.lit(TITLE), options, body);
    }

    /** Under Secure Boot, search.cfg with a bad or missing signature: the search's only entry, and what it says. */
    public static final String REFUSED_TITLE = "Search list refused (signature check): run polyboot refresh to approve";
    static final String REFUSED = "the search list (" + CatalogMenu.SEARCH_CFG + ") failed its signature check and was not used; "
            + SecureBootScript.APPROVE_HINT;

    /** The text {@code pb_find} searches: ASCII letters lower-cased, like pb_search_word does to the typed word. */
    static String haystack(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }

    /** Whether the search for {@code word} lists an image with this title and path (what GRUB does, for list and tests). */
    static boolean matches(String word, String title, String path) {
        String w = haystack(word);
        return haystack(title).contains(w) || haystack(path).contains(w);
    }
}
