package dev.polyboot.core.payload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyboot.formats.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same installed packages -> same payload bytes: the build script run twice equals the payload on the classpath. */
class PayloadReproducibleTest {
    @Test
    void buildScriptIsDeterministic(@TempDir Path tmp) throws IOException {
        Tools.require("grub-mkimage");
        Path script = Path.of(System.getProperty("polyboot.repo", "."), "payload/src/build/build-payload.sh");
        assertThat(script).exists();
        Payload shipped = Payload.load();
        for (String run : new String[] {"a", "b"}) {
            Path out = tmp.resolve(run);
            Tools.run("bash", script.toString(), out.toString()).assertOk();
            for (String name : new String[] {Payload.BOOT_IMG, Payload.CORE_IMG, Payload.BOOTX64_EFI, Payload.MEMDISK}) {
                assertThat(Files.readAllBytes(out.resolve(name))).as(run + "/" + name).isEqualTo(shipped.file(name));
            }
            assertThat(Files.readAllBytes(out.resolve(Payload.MANIFEST))).isEqualTo(shipped.manifestJson());
        }
    }

    @Test
    void aMissingPackageFailsTheBuildNamingIt(@TempDir Path tmp) throws IOException {
        Path script = Path.of(System.getProperty("polyboot.repo", "."), "payload/src/build/build-payload.sh");
        // An empty PATH hides grub-mkimage's package check behind dpkg-query: simulate by a fake dpkg-query.
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fake = bin.resolve("dpkg-query");
        Files.writeString(fake, "#!/bin/sh\nexit 1\n");
        fake.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), tmp.resolve("out").toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            assertThat(p.waitFor()).isNotZero();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(output).contains("'grub-common' is missing").contains("apt-get install -y grub-common");
    }
}
