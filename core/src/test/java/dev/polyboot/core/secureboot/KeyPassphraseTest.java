package dev.polyboot.core.secureboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys made with a passphrase ({@code keys init --passphrase}): both private keys are encrypted (openssl and gpg refuse
 * them without it, accept them with it), every signature polyboot makes with them verifies (gpg, sbverify), the
 * passphrase is asked once per process, a wrong one or none is a one-line failure, and no decrypted key is left in a
 * file.
 */
class KeyPassphraseTest {
    private static final String PASS = "correct horse battery staple ü";
    @TempDir static Path tmp;
    static UserKeys keys;

    @BeforeAll
    static void make() throws IOException {
        Tools.require("openssl");
        Tools.require("gpg");
        keys = UserKeys.openOrCreate(tmp.resolve("keys"), PASS.toCharArray());
        KeyPassphrases.forget();
    }

    @AfterEach
    void reset() {
        KeyPassphrases.forget();
        KeyPassphrases.prompt(null);
    }

    @Test
    void bothPrivateKeysAreEncryptedWithThePassphrase() throws IOException {
        assertThat(keys.passphraseProtected()).isTrue();
        assertThat(Files.readString(keys.privateKey())).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                .doesNotContain("BEGIN PRIVATE KEY");
        // openssl: the key opens with the passphrase only
        assertThat(Tools.run("openssl", "pkey", "-in", keys.privateKey().toString(), "-passin", "pass:wrong", "-noout").exitCode()).isNotZero();
        assertThat(Tools.run("openssl", "pkey", "-in", keys.privateKey().toString(), "-passin", "pass:" + PASS, "-noout").exitCode()).isZero();
        // gpg: signing with an empty passphrase fails, with the passphrase it works
        Path f = Files.writeString(tmp.resolve("probe.txt"), "probe\n");
        List<String> sign = List.of("gpg", "--homedir", keys.gnupgHome().toString(), "--batch", "--yes", "--pinentry-mode", "loopback",
                "--passphrase");
        Tools.Result empty = Tools.run(concat(sign, "", "--output", tmp.resolve("probe.sig0").toString(), "--detach-sign", f.toString()));
        Tools.Result right = Tools.run(concat(sign, PASS, "--output", tmp.resolve("probe.sig1").toString(), "--detach-sign", f.toString()));
        Tools.run("gpgconf", "--homedir", keys.gnupgHome().toString(), "--kill", "gpg-agent");
        assertThat(empty.exitCode()).as("gpg without the passphrase").isNotZero();
        assertThat(right.exitCode()).as("gpg with the passphrase: " + right.stderr()).isZero();
    }

    @Test
    void signaturesVerifyAndThePassphraseIsAskedOncePerProcess() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        KeyPassphrases.prompt(dir -> {
            asked.incrementAndGet();
            assertThat(dir).isEqualTo(keys.directory());
            return PASS.toCharArray();
        });
        Set<String> before = keyTemps();
        Map<String, byte[]> sigs = keys.detachedSignatures(Map.of("/grub/grub.cfg", "set x=1\n".getBytes(StandardCharsets.UTF_8)));
        Path cfg = Files.writeString(tmp.resolve("grub.cfg"), "set x=1\n");
        Path sig = Files.write(tmp.resolve("grub.cfg.sig"), sigs.get("/grub/grub.cfg"));
        assertThat(TestKeys.gpgVerify(tmp, keys.openPgpPublicKey(), sig, cfg).stdout())
                .contains("[GNUPG:] VALIDSIG " + keys.openPgpFingerprint());

        Tools.require("sbsign");
        Path program = Path.of("/usr/lib/ipxe/ipxe.efi");
        assertThat(program).as("Debian package ipxe").exists();
        Path signed = Files.write(tmp.resolve("ipxe.signed.efi"), keys.signEfiProgram(Files.readAllBytes(program)));
        Tools.Result v = Tools.run("sbverify", "--cert", keys.certificatePem().toString(), signed.toString());
        assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();
        assertThat(asked).as("one question for both signatures").hasValue(1);
        assertThat(keyTemps()).as("no FIFO directory with a decrypted key left behind").isEqualTo(before);
    }

    @Test
    void aWrongPassphraseOrNoneIsOneLineWithAHint() {
        KeyPassphrases.prompt(dir -> "wrong".toCharArray());
        assertThatThrownBy(() -> keys.signEfiProgram(new byte[] {1}))
                .isInstanceOf(SecureBootException.class).hasMessageStartingWith("wrong passphrase for the Secure Boot keys in " + keys.directory());
        KeyPassphrases.prompt(null);
        assertThatThrownBy(() -> keys.detachedSignatures(Map.of("/a", new byte[] {1})))
                .isInstanceOf(SecureBootException.class).hasMessageContaining("protected by a passphrase")
                .satisfies(e -> assertThat(((SecureBootException) e).hint()).contains(KeyPassphrases.ENV_FILE));
    }

    @Test
    void unlockChecksThePassphraseFirst() throws IOException {
        assertThatThrownBy(() -> KeyPassphrases.unlock(keys, "nope".toCharArray())).isInstanceOf(SecureBootException.class)
                .hasMessageStartingWith("wrong passphrase");
        KeyPassphrases.unlock(keys, PASS.toCharArray());
        // kept: no prompt needed now
        Map<String, byte[]> sigs = keys.detachedSignatures(Map.of("/a", new byte[] {1}));
        assertThat(sigs).containsKey("/a");
    }

    @Test
    void aPassphraseThatCannotTravelOnOneLineIsRefusedBeforeAnyKeyIsMade() {
        Path dir = tmp.resolve("never");
        assertThatThrownBy(() -> UserKeys.openOrCreate(dir, "two\nlines".toCharArray())).isInstanceOf(SecureBootException.class)
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> UserKeys.openOrCreate(dir, new char[0])).isInstanceOf(SecureBootException.class)
                .hasMessageContaining("empty");
        assertThat(dir).doesNotExist();
    }

    private static Set<String> keyTemps() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("polyboot-key-")).collect(Collectors.toSet());
        }
    }

    private static List<String> concat(List<String> a, String... more) {
        return Stream.concat(a.stream(), Stream.of(more)).toList();
    }
}
