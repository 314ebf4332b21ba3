package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install sets up Secure Boot by default and says how to enrol; info reports it; --no-secure-boot leaves it out. */
class SecureBootCliTest {
    @TempDir Path tmp;

    @Test
    void installIsSecureBootReadyByDefaultAndInfoSaysWithWhichKey() {
        Tools.require("sbsign");
        Tools.require("grub-mkstandalone");
        String img = tmp.resolve("sb.img").toString();
        CliRun install = CliRun.of("install", img, "--size", "256M", "--yes");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.out()).contains("Secure Boot: shim + polyboot's GRUB signed with your key", "Enroll key from disk",
                "polyboot.cer", "Continue", "Yes", "Reboot", "mokutil --delete polyboot.cer");
        CliRun info = CliRun.of("info", img);
        assertThat(info.out()).contains("secure boot: yes, shim + GRUB signed by CN=polyboot user key", "certificate sha256 ", "OpenPGP key ");
    }

    @Test
    void noSecureBootKeepsTheOldLayout() {
        String img = tmp.resolve("plain.img").toString();
        CliRun install = CliRun.of("install", img, "--size", "256M", "--yes", "--no-secure-boot");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.out()).contains("Secure Boot: not set up (--no-secure-boot)");
        assertThat(CliRun.of("info", img).out()).contains("secure boot: no");
    }
}
