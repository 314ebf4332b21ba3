package dev.polyboot.core.secureboot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the passphrase of protected Secure Boot keys ({@code keys init --passphrase}) comes from, for every signing step
 * of one polyboot process: a file named by {@value #ENV_FILE} (scripts; the file must not be readable by group or
 * others), else the prompt the front end registered (the CLI asks on the terminal; {@code polyboot web} asks once at
 * start), else a failure that says how to give it. A passphrase is checked against the private key before first use
 * and then kept for the process's lifetime (one question per command, not one per signature).
 */
public final class KeyPassphrases {
    /** Environment variable naming a file whose first line is the passphrase. */
    public static final String ENV_FILE = "POLYBOOT_KEY_PASSPHRASE_FILE";
    /** The longest passphrase accepted (openssl's own limit for {@code -pass stdin} is 1,024 bytes). */
    public static final int MAX_CHARS = 512;

    /** Asks the user for the passphrase of the keys in {@code keyDirectory}; null when nobody can be asked (no terminal). */
    @FunctionalInterface
    public interface Prompt {
        char[] ask(Path keyDirectory) throws IOException;
    }

    private static volatile Prompt prompt;
    private static final Map<Path, char[]> checked = new ConcurrentHashMap<>();

    private KeyPassphrases() {}

    /** The front end's way to ask (null: nobody to ask, e.g. no terminal). */
    public static void prompt(Prompt p) {
        prompt = p;
    }

    /**
     * Checks {@code passphrase} against the keys in {@code keys} and keeps it for this process (what {@code polyboot web}
     * does at start). A wrong one is a {@link SecureBootException}; keys without a passphrase need none.
     */
    public static void unlock(UserKeys keys, char[] passphrase) throws SecureBootException {
        if (!keys.passphraseProtected()) return;
        check(keys, passphrase);
        checked.put(key(keys), passphrase.clone());
    }

    /** Forgets every kept passphrase (tests; a web server that stops). */
    public static void forget() {
        checked.values().forEach(p -> Arrays.fill(p, '\0'));
        checked.clear();
    }

    /** The passphrase of {@code keys} (which are protected), checked: kept, from the file, or asked. */
    static char[] of(UserKeys keys) throws IOException {
        char[] kept = checked.get(key(keys));
        if (kept != null) return kept;
        char[] p = fromFile(System.getenv(ENV_FILE));
        if (p == null) {
            Prompt ask = prompt;
            p = ask == null ? null : ask.ask(keys.directory());
            if (p == null) {
                throw new SecureBootException("the Secure Boot keys in " + keys.directory() + " are protected by a passphrase and"
                        + " there is no terminal to ask for it", "put it in a file only you can read and name it in " + ENV_FILE);
            }
            if (p.length == 0) {
                throw new SecureBootException("no passphrase typed for the Secure Boot keys in " + keys.directory(),
                        "type the passphrase you gave polyboot keys init --passphrase");
            }
        }
        check(keys, p);
        checked.put(key(keys), p);
        return p;
    }

    /** The passphrase as programs read it from standard input: UTF-8, one line. */
    static byte[] stdinLine(char[] passphrase) {
        var bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(passphrase));
        byte[] out = new byte[bytes.remaining() + 1];
        bytes.get(out, 0, out.length - 1);
        out[out.length - 1] = '\n';
        return out;
    }

    /** Refuses a passphrase polyboot could not hand over on one line. */
    static void validate(char[] passphrase) throws SecureBootException {
        if (passphrase.length == 0) {
            throw new SecureBootException("an empty passphrase", "type a passphrase, or leave --passphrase out for keys without one");
        }
        if (passphrase.length > MAX_CHARS) {
            throw new SecureBootException("the passphrase has " + passphrase.length + " characters, more than " + MAX_CHARS,
                    "choose a shorter passphrase");
        }
        for (char c : passphrase) {
            if (c == '\n' || c == '\r' || c == '\0') {
                throw new SecureBootException("the passphrase holds a line break or NUL", "choose a passphrase on one line");
            }
        }
    }

    private static void check(UserKeys keys, char[] passphrase) throws SecureBootException {
        validate(passphrase);
        if (!keys.passphraseWorks(passphrase)) {
            throw new SecureBootException("wrong passphrase for the Secure Boot keys in " + keys.directory(),
                    "give the passphrase you chose at polyboot keys init --passphrase");
        }
    }

    private static char[] fromFile(String name) throws IOException {
        if (name == null || name.isBlank()) return null;
        Path f = Path.of(name);
        if (!Files.isRegularFile(f)) {
            throw new SecureBootException(ENV_FILE + " names " + f + ", which is not a file", "point it at the file that holds the passphrase");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
        if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
            throw new SecureBootException(ENV_FILE + " names " + f + ", which others can read", "chmod 600 " + f);
        }
        long size = Files.size(f);
        if (size > 4 * MAX_CHARS) {
            throw new SecureBootException(f + " is too large for a passphrase file (" + size + " bytes)",
                    "put the passphrase alone on its first line");
        }
        String first = Files.readString(f, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return first.toCharArray();
    }

    private static Path key(UserKeys keys) {
        return keys.directory().toAbsolutePath().normalize();
    }
}
