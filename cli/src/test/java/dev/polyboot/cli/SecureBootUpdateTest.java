package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * update keeps a Secure Boot stick a Secure Boot stick (same key, GRUB signed again), and refuses where the key the
 * stick was made with is not on the computer (it would otherwise have to drop Secure Boot or sign with another key).
 */
class SecureBootUpdateTest {
    @TempDir
    Path tmp;

    private static JsonNode info(Path img) throws Exception {
        CliRun r = CliRun.of("info", img.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return new ObjectMapper().readTree(r.out()).path("secureBoot");
    }

    @Test
    void updateKeepsTheSecureBootLayoutAndItsKey() throws Exception {
        Path img = tmp.resolve("sb.img");
        CliRun install = CliRun.of("install", img.toString(), "--size", "256M", "-y");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.out()).contains("Secure Boot: shim + polyboot's GRUB signed with your key", "Enroll key from disk");
        JsonNode before = info(img);
        assertThat(before.path("capable").asBoolean()).isTrue();

        CliRun update = CliRun.of("update", img.toString(), "-y", "-q");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        JsonNode after = info(img);
        assertThat(after.path("capable").asBoolean()).isTrue();
        assertThat(after.path("certificateFingerprint").asText()).isEqualTo(before.path("certificateFingerprint").asText());
        assertThat(after.path("openPgpFingerprint").asText()).isEqualTo(before.path("openPgpFingerprint").asText());
        CliRun verify = CliRun.of("verify", img.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(CliRun.of("info", img.toString()).out()).contains("secure boot: yes");
    }

    @Test
    void updateWithoutTheStickKeyIsRefusedAndWritesNothing() throws Exception {
        Path img = tmp.resolve("sb.img");
        assertThat(CliRun.of("install", img.toString(), "--size", "256M", "-y", "-q").exitCode()).isZero();
        byte[] before = Files.readAllBytes(img);
        Path otherKeys = tmp.resolve("no-keys-here"); // as on a computer that never made keys
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "update", img.toString(), "-y"))
                .redirectErrorStream(true);
        pb.environment().put("POLYBOOT_KEYS", otherKeys.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(ExitCodes.REFUSED);
        assertThat(out).contains("boots under Secure Boot with a key that is not on this computer").contains("POLYBOOT_KEYS");
        assertThat(Files.readAllBytes(img)).as("not one byte written").isEqualTo(before);
    }
}
