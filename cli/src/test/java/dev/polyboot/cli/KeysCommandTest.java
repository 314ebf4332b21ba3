package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.formats.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
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

    record Run(int exit, String out) {}

    private static Run polyboot(Path keys, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("POLYBOOT_KEYS", keys.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
