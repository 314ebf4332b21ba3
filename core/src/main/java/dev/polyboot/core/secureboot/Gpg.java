package dev.polyboot.core.secureboot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** gpg in batch mode against one private GNUPGHOME (never the user's own keyring). */
final class Gpg {
    private Gpg() {}

    static String run(java.nio.file.Path home, List<String> args) throws SecureBootException {
        return execute(home, args, null);
    }

    /**
     * {@link #run} of a command that uses the secret key, with loopback pinentry: an unprotected key gets the empty
     * passphrase on the command line, a protected one {@code passphraseLine} (see {@link KeyPassphrases#stdinLine}) on
     * standard input ({@code --passphrase-fd 0}), never in the argument list.
     */
    static String runWithKey(java.nio.file.Path home, List<String> args, byte[] passphraseLine) throws SecureBootException {
        List<String> all = new ArrayList<>(passphraseLine == null
                ? List.of("--pinentry-mode", "loopback", "--passphrase", "")
                : List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0"));
        all.addAll(args);
        return execute(home, all, passphraseLine);
    }

    private static String execute(java.nio.file.Path home, List<String> args, byte[] stdin) throws SecureBootException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--quiet", "--no-tty", "--yes"));
        cmd.addAll(args);
        return ExternalTool.run(cmd, Map.of("GNUPGHOME", home.toString()), "gnupg", stdin);
    }

    /** Fingerprint of the one secret key in {@code home} ({@code --with-colons}: the "fpr" record after "sec"). */
    static String fingerprint(java.nio.file.Path home) throws SecureBootException {
        String listing = run(home, List.of("--with-colons", "--list-secret-keys"));
        boolean inPrimary = false;
        for (String line : listing.split("\n")) {
            String[] f = line.split(":", -1);
            if (f[0].equals("sec")) inPrimary = true;
            else if (f[0].equals("fpr") && inPrimary && f.length > 9) return f[9];
        }
        throw new SecureBootException("gpg listed no secret key in " + home, "move the key directory away; polyboot then makes new keys");
    }

    /**
     * gpg starts an agent per GNUPGHOME that outlives the command; polyboot stops the one it started, so that no
     * agent keeps the key directory (or a test's temp directory) busy.
     */
    static void stopAgent(java.nio.file.Path home) {
        try {
            ExternalTool.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"),
                    Map.of("GNUPGHOME", home.toString()), "gnupg");
        } catch (SecureBootException e) {
            // nothing was started, or it is gone already
        }
    }
}
