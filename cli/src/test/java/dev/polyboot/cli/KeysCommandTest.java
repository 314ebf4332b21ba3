package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polyboot keys}: init makes the keys in a fresh directory (private files 0600) and a second init keeps them;
 * show names the same fingerprints; export-cert writes the certificate openssl reads as DER (and PEM), with the
 * SHA-256 show prints, and never overwrites a file; show without keys fails with the directory and the hint. Each
 * command runs in a child JVM whose POLYBOOT_KEYS is a new directory (as on another computer).
 */
class KeysCommandTest {
    @TempDir
    Path tmp;

    @Test
    void initShowExportCert() throws Exception {
        Path keys = tmp.resolve("keys");
        Run none = polyboot(keys, "keys", "show");
        assertThat(none.exit()).as(none.out()).isEqualTo(ExitCodes.FAILURE);
        assertThat(none.out()).contains("no Secure Boot keys in " + keys, "polyboot keys init");

        Run init = polyboot(keys, "keys", "init");
        assertThat(init.exit()).as(init.out()).isZero();
        assertThat(init.out()).contains("created your Secure Boot keys in " + keys, "Enroll key from disk", "mokutil --delete");
        for (Path p : List.of(keys.resolve("signing.key"))) {
            assertThat(Files.getPosixFilePermissions(p)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        Run again = polyboot(keys, "keys", "init", "--json");
        JsonNode k = new ObjectMapper().readTree(again.out());
        assertThat(JsonSchemaTest.violations("keys", k)).isEmpty();
        assertThat(k.path("keysCreated").asBoolean()).as("a second init keeps the keys").isFalse();
        Run show = polyboot(keys, "keys", "show", "--json");
        JsonNode s = new ObjectMapper().readTree(show.out());
        assertThat(JsonSchemaTest.violations("keys", s)).isEmpty();
        assertThat(s.path("certificateFingerprint").asText()).isEqualTo(k.path("certificateFingerprint").asText()).isNotBlank();
        assertThat(s.path("openPgpFingerprint").asText()).isEqualTo(k.path("openPgpFingerprint").asText()).isNotBlank();
        assertThat(init.out()).contains(s.path("certificateFingerprint").asText());

        Path der = tmp.resolve("polyboot.cer");
        assertThat(polyboot(keys, "keys", "export-cert", der.toString()).exit()).isZero();
        String fp = Tools.run("openssl", "x509", "-inform", "DER", "-in", der.toString(), "-noout", "-fingerprint", "-sha256").assertOk().stdout();
        assertThat(fp.strip()).endsWith("=" + s.path("certificateFingerprint").asText().toUpperCase(java.util.Locale.ROOT));
        Path pem = tmp.resolve("polyboot.pem");
        assertThat(polyboot(keys, "keys", "export-cert", "--pem", pem.toString()).exit()).isZero();
        assertThat(Tools.run("openssl", "x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha256").assertOk().stdout()).isEqualTo(fp);
        byte[] before = Files.readAllBytes(pem);
        Run over = polyboot(keys, "keys", "export-cert", pem.toString());
        assertThat(over.exit()).as(over.out()).isEqualTo(ExitCodes.REFUSED);
        assertThat(over.out()).contains(pem + " exists", "never overwrites");
        assertThat(Files.readAllBytes(pem)).isEqualTo(before);
    }

    /**
     * {@code keys init --passphrase} (the passphrase on standard input, as a script gives it): both private keys
     * encrypted, show says so. An install then needs the passphrase: without a terminal and without
     * POLYBOOT_KEY_PASSPHRASE_FILE it fails before anything is written (no image file made); with a wrong one the same;
     * with the right one in a 0600 file it installs, and sbverify accepts the stick's GRUB with the certificate
     * (sbsign got the decrypted key through polyboot's FIFO). A second init --passphrase is refused; {@code web} without a
     * terminal to ask stops before it serves.
     */
    @Test
    void aPassphraseProtectsTheKeysAndSigningNeedsIt() throws Exception {
        Path keys = tmp.resolve("keys");
        String pass = "a long passphrase, with spaces";
        Run init = polyboot(keys, Map.of(), pass + "\n", "keys", "init", "--passphrase");
        assertThat(init.exit()).as(init.out()).isZero();
        assertThat(init.out()).contains("created your Secure Boot keys in " + keys).containsPattern("passphrase +yes");
        assertThat(Files.readString(keys.resolve("signing.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Tools.run("openssl", "pkey", "-in", keys.resolve("signing.key").toString(), "-passin", "pass:" + pass, "-noout")
                .exitCode()).isZero();
        JsonNode show = new ObjectMapper().readTree(polyboot(keys, "keys", "show", "--json").out());
        assertThat(JsonSchemaTest.violations("keys", show)).isEmpty();
        assertThat(show.path("passphraseProtected").asBoolean()).isTrue();
        Run twice = polyboot(keys, Map.of(), "other\n", "keys", "init", "--passphrase");
        assertThat(twice.exit()).as(twice.out()).isEqualTo(ExitCodes.REFUSED);
        assertThat(twice.out()).contains("keys exist in " + keys);

        // the web server asks before it starts (a job must never wait for a terminal): here there is none to ask
        Run web = polyboot(keys, "web");
        assertThat(web.exit()).as(web.out()).isEqualTo(ExitCodes.USAGE);
        assertThat(web.out()).contains("protected by a passphrase and there is no terminal", "POLYBOOT_KEY_PASSPHRASE_FILE")
                .doesNotContain("open http");

        Path img = tmp.resolve("stick.img");
        Run none = polyboot(keys, "install", img.toString(), "--size", "256M", "-y");
        assertThat(none.exit()).as(none.out()).isEqualTo(ExitCodes.FAILURE);
        assertThat(none.out()).contains("protected by a passphrase", "POLYBOOT_KEY_PASSPHRASE_FILE");
        assertThat(img).as("nothing written").doesNotExist();
        Path wrongFile = Files.writeString(tmp.resolve("wrong.txt"), "not it\n");
        Files.setPosixFilePermissions(wrongFile, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Run wrong = polyboot(keys, Map.of("POLYBOOT_KEY_PASSPHRASE_FILE", wrongFile.toString()), "", "install", img.toString(), "--size", "256M", "-y");
        assertThat(wrong.exit()).as(wrong.out()).isEqualTo(ExitCodes.FAILURE);
        assertThat(wrong.out()).contains("wrong passphrase for the Secure Boot keys in " + keys);
        assertThat(img).doesNotExist();

        Path passFile = Files.writeString(tmp.resolve("pass.txt"), pass + "\n");
        Run open = polyboot(keys, Map.of("POLYBOOT_KEY_PASSPHRASE_FILE", passFile.toString()), "", "install", img.toString(), "--size", "256M", "-y");
        assertThat(open.exit()).as("a passphrase file readable by others is refused: " + open.out()).isEqualTo(ExitCodes.FAILURE);
        assertThat(open.out()).contains("which others can read", "chmod 600");
        Files.setPosixFilePermissions(passFile, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Run ok = polyboot(keys, Map.of("POLYBOOT_KEY_PASSPHRASE_FILE", passFile.toString()), "", "install", img.toString(), "--size", "256M", "-y");
        assertThat(ok.exit()).as(ok.out()).isZero();
        Path grub = tmp.resolve("grubx64.efi");
        try (FileBlockDevice d = FileBlockDevice.open(img, true);
             FatVolume esp = FatVolume.open(StickDisk.read(d).bootSlice(), TestSticks.CLOCK);
             var in = java.nio.channels.Channels.newInputStream(esp.open("/EFI/BOOT/grubx64.efi"))) {
            Files.write(grub, in.readAllBytes());
        }
        Tools.Result v = Tools.run("sbverify", "--cert", keys.resolve("signing.crt").toString(), grub.toString());
        assertThat(v.exitCode()).as(v.stdout() + v.stderr()).isZero();
    }

    record Run(int exit, String out) {}

    private static Run polyboot(Path keys, String... args) throws Exception {
        return polyboot(keys, Map.of(), null, args);
    }

    /** A child JVM with POLYBOOT_KEYS={@code keys} plus {@code env}, {@code stdin} as standard input (null: none). */
    private static Run polyboot(Path keys, Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("POLYBOOT_KEYS", keys.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
