package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.SecureBootScript;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.install.TestSticks;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * update keeps a Secure Boot stick a Secure Boot stick (same key, GRUB signed again), sets up a stick without it, and
 * refuses where the key the stick was made with is not on the computer (it would otherwise have to drop Secure Boot or
 * sign with another key).
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

    /**
     * A stick installed without Secure Boot, with iPXE on it: {@code update --no-secure-boot} leaves it so; a plain
     * {@code update} sets it up — the boot partition then holds exactly the files of a fresh Secure Boot install (shim
     * byte for byte), info names the key, verify passes, and the image is approved (catalogue signature, iPXE's
     * signed program) without the image itself changing.
     */
    @Test
    void updateSetsUpSecureBootOnAStickWithoutItAndApprovesItsImages() throws Exception {
        Path img = tmp.resolve("plain.img");
        assertThat(CliRun.of("install", img.toString(), "--size", "256M", "-y", "--no-secure-boot").exitCode()).isZero();
        CliRun add = CliRun.of("add", img.toString(), "/usr/lib/ipxe/ipxe.iso");
        assertThat(add.exitCode()).as(add.toString()).isZero();
        assertThat(CliRun.of("update", img.toString(), "-y", "--no-secure-boot").exitCode()).isZero();
        assertThat(info(img).path("capable").asBoolean()).as("--no-secure-boot keeps it without").isFalse();

        CliRun update = CliRun.of("update", img.toString(), "-y");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.out()).contains("Secure Boot: shim + polyboot's GRUB signed with your key", "Enroll key from disk",
                "their Secure Boot approvals were written under /.polyboot");
        JsonNode sb = info(img);
        assertThat(sb.path("capable").asBoolean()).isTrue();
        CliRun keys = CliRun.of("keys", "show", "--json");
        assertThat(sb.path("certificateFingerprint").asText())
                .isEqualTo(new ObjectMapper().readTree(keys.out()).path("certificateFingerprint").asText());
        CliRun verify = CliRun.of("verify", img.toString(), "--full");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        Path fresh = tmp.resolve("fresh-sb.img");
        assertThat(CliRun.of("install", fresh.toString(), "--size", "256M", "-y").exitCode()).isZero();
        assertThat(bootFiles(img).keySet()).isEqualTo(bootFiles(fresh).keySet());
        assertThat(bootFiles(img).get("/EFI/BOOT/BOOTX64.EFI")).as("shim").isEqualTo(bootFiles(fresh).get("/EFI/BOOT/BOOTX64.EFI"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             ExfatVolume data = ExfatVolume.open(StickDisk.read(dev).dataSlice(), TestSticks.CLOCK)) {
            assertThat(data.stat(CatalogMenu.CFG + EspContents.SIGNATURE_SUFFIX)).as("the catalogue approved").isPresent();
            assertThat(data.stat(SecureBootScript.approvedProgram("/ipxe.iso"))).as("iPXE's program approved").isPresent();
            assertThat(data.stat("/ipxe.iso").orElseThrow().size()).isEqualTo(Files.size(Path.of("/usr/lib/ipxe/ipxe.iso")));
        }
    }

    /** The boot partition's files: path to content. */
    private static Map<String, byte[]> bootFiles(Path img) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (FileBlockDevice dev = FileBlockDevice.open(img, true); FatVolume esp = FatVolume.open(StickDisk.read(dev).bootSlice(), TestSticks.CLOCK)) {
            walk(esp, "/", out);
        }
        return out;
    }

    private static void walk(FatVolume v, String dir, Map<String, byte[]> out) throws Exception {
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) {
                walk(v, e.path(), out);
            } else {
                try (InputStream in = Channels.newInputStream(v.open(e.path()))) {
                    out.put(e.path(), in.readAllBytes());
                }
            }
        }
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
