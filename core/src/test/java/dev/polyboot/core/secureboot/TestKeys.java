package dev.polyboot.core.secureboot;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One set of user keys for all Secure Boot tests of a JVM (an RSA-3072 OpenPGP key takes seconds to make), in a
 * temp directory removed at exit. Missing openssl/gpg skips locally and fails under CI, like {@link Tools#require}.
 */
public final class TestKeys {
    private static UserKeys keys;

    private TestKeys() {}

    public static synchronized UserKeys get() {
        Tools.require("openssl");
        Tools.require("gpg");
        if (keys == null) {
            try {
                Path dir = Files.createTempDirectory("polyboot-test-keys-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        UserKeys.deleteTree(dir);
                    } catch (IOException e) {
                        // temp directory: the system cleans it eventually
                    }
                }));
                keys = UserKeys.openOrCreate(dir.resolve("keys"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    /** Checks a detached signature with gpg against a keyring holding only the exported public key. */
    public static Tools.Result gpgVerify(Path work, Path signature, Path file) throws IOException {
        return gpgVerify(work, get().openPgpPublicKey(), signature, file);
    }

    /** Checks a detached signature with gpg against a keyring holding only {@code publicKey}. */
    public static Tools.Result gpgVerify(Path work, Path publicKey, Path signature, Path file) throws IOException {
        Path home = Files.createTempDirectory(work, "gpg-verify-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Tools.run("gpg", "--homedir", home.toString(), "--batch", "--quiet", "--import", publicKey.toString()).assertOk();
        Tools.Result r = Tools.run("gpg", "--homedir", home.toString(), "--batch", "--status-fd", "1", "--verify",
                signature.toString(), file.toString());
        Tools.run("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
        return r;
    }
}
