package dev.polyboot.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Passwords and passphrases: typed without echo on a terminal, else one line of standard input; never on the command line. */
final class Secrets {
    private Secrets() {}

    /**
     * A new secret: typed twice on a terminal (the two must match), else one line of standard input for scripts.
     *
     * @param what     what is asked for, e.g. "Password for password./tools"
     * @param noun     its name in messages ("password", "passphrase")
     * @param pipeHint how a script pipes it in, shown when standard input has no line
     */
    static char[] readNew(String what, String noun, String pipeHint) throws CliException, IOException {
        Console console = System.console();
        if (console != null) {
            char[] a = console.readPassword("%s: ", what);
            char[] b = console.readPassword("Again: ");
            if (a == null || b == null) throw new CliException("no " + noun + " typed", "type the " + noun + " twice", ExitCodes.USAGE);
            boolean same = Arrays.equals(a, b);
            Arrays.fill(b, '\0');
            if (!same) {
                Arrays.fill(a, '\0');
                throw new CliException("the two " + noun + "s differ; nothing was written", "type the same " + noun + " twice", ExitCodes.USAGE);
            }
            return a;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) throw new CliException("no " + noun + " on standard input (one line)", pipeHint, ExitCodes.USAGE);
        return line.toCharArray();
    }

    /** Asks once, without echo, for the passphrase of the keys in {@code dir}; null without a terminal, empty at end of input. */
    static char[] keyPassphrase(Path dir) {
        Console console = System.console();
        if (console == null) return null;
        char[] typed = console.readPassword("Passphrase of your Secure Boot keys (%s): ", dir);
        return typed == null ? new char[0] : typed;
    }
}
