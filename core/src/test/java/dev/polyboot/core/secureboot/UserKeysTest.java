package dev.polyboot.core.secureboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserKeysTest {
    @TempDir Path tmp;

    @Test
    void keysAreMadeOnceWithPrivatePermissionsAndReadBackTheSame() throws IOException {
        UserKeys k = TestKeys.get();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k.directory()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k.privateKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k.gnupgHome()))).isEqualTo("rwx------");
        // no half-made sibling left behind
        try (var siblings = Files.list(k.directory().getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("keys");
        }
        UserKeys again = UserKeys.openOrCreate(k.directory());
        assertThat(again.created()).isFalse();
        assertThat(again.certificateFingerprint()).isEqualTo(k.certificateFingerprint());
        assertThat(again.openPgpFingerprint()).isEqualTo(k.openPgpFingerprint()).matches("[0-9A-F]{40}");
    }

    @Test
    void certificateIsAnRsa2048CodeSigningCertificateAndFingerprintIsOpensslS() throws Exception {
        UserKeys k = TestKeys.get();
        X509Certificate c = UserKeys.parse(k.certificateDer());
        assertThat(((RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(c.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.3");
        assertThat(k.subject()).startsWith("CN=polyboot user key ");
        String openssl = Tools.run("openssl", "x509", "-in", k.certificatePem().toString(), "-noout", "-fingerprint", "-sha256")
                .assertOk().stdout().strip();
        assertThat(openssl).endsWith("=" + k.certificateFingerprint());
        assertThat(Files.readAllBytes(k.certificateDerFile())).isEqualTo(k.certificateDer());
    }

    @Test
    void openPgpKeyIsRsa3072AndItsSignaturesVerify() throws IOException {
        UserKeys k = TestKeys.get();
        String shown = Tools.run("gpg", "--batch", "--with-colons", "--show-keys", k.openPgpPublicKey().toString()).assertOk().stdout();
        assertThat(shown).contains("pub:-:3072:1:").contains("fpr:::::::::" + k.openPgpFingerprint() + ":");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/grub/grub.cfg", "set pb_version=1\n".getBytes(StandardCharsets.UTF_8));
        files.put("/polyboot/VERSION", "polyboot 1\n".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> sigs = k.detachedSignatures(files);
        assertThat(sigs).containsOnlyKeys(files.keySet());
        Path f = Files.write(tmp.resolve("grub.cfg"), files.get("/grub/grub.cfg"));
        Path s = Files.write(tmp.resolve("grub.cfg.sig"), sigs.get("/grub/grub.cfg"));
        assertThat(TestKeys.gpgVerify(tmp, s, f).stdout()).contains("[GNUPG:] VALIDSIG " + k.openPgpFingerprint());
        Files.write(f, "set pb_version=2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(TestKeys.gpgVerify(tmp, s, f).stdout()).contains("[GNUPG:] BADSIG");
    }

    @Test
    void directoryComesFromTheEnvironmentThenXdgThenHome() {
        assertThat(UserKeys.defaultDirectory(Map.of(UserKeys.ENV_DIRECTORY, "/k", "XDG_CONFIG_HOME", "/x"))).isEqualTo(Path.of("/k"));
        assertThat(UserKeys.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/x"))).isEqualTo(Path.of("/x/polyboot/keys"));
        assertThat(UserKeys.defaultDirectory(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "polyboot", "keys"));
    }

    @Test
    void anIncompleteKeyDirectoryIsRefusedNotOverwritten() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve(UserKeys.PRIVATE_KEY), "x");
        assertThatThrownBy(() -> UserKeys.openOrCreate(dir)).isInstanceOf(SecureBootException.class)
                .hasMessageContaining("incomplete");
        assertThat(Files.readString(dir.resolve(UserKeys.PRIVATE_KEY))).isEqualTo("x");
    }
}
