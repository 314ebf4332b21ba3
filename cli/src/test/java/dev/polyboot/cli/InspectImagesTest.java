package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.formats.testing.Tools;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polyboot inspect} on WIM and VHDX files made by wimlib and qemu-img: the header details reach the text
 * and the JSON, and a damaged header is a report (exit 0), not a crash.
 */
class InspectImagesTest {
    @TempDir Path tmp;

    @Test
    void wimEditionsInTextAndJson() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "a");
        Path wim = tmp.resolve("install.wim");
        Tools.run("wimlib-imagex", "capture", src.toString(), wim.toString(), "Windows 11 Pro").assertOk();
        Tools.run("wimlib-imagex", "append", src.toString(), wim.toString(), "Windows 11 Home").assertOk();
        CliRun text = CliRun.of("inspect", wim.toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("images:         2, compression LZX, no boot image\n",
                "image:          1: Windows 11 Pro\n", "image:          2: Windows 11 Home\n",
                "menu title:     Windows 11 Pro and 1 more\n");
        CliRun json = CliRun.of("inspect", wim.toString(), "--json");
        JsonNode details = new ObjectMapper().readTree(json.out()).get("images").get(0).get("details");
        assertThat(details.get("format").asText()).isEqualTo("wim");
        assertThat(details.get("imageCount").asInt()).isEqualTo(2);
        assertThat(details.get("images").get(1).asText()).isEqualTo("2: Windows 11 Home");
    }

    @Test
    void damagedVhdxIsReportedNotFatal() throws Exception {
        Path disk = tmp.resolve("bad.vhdx");
        Tools.run("qemu-img", "create", "-q", "-f", "vhdx", disk.toString(), "8M").assertOk();
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            for (long header : new long[] {64 << 10, 128 << 10}) { // both copies: one alone is survivable by design
                f.seek(header);
                f.write(0);
            }
        }
        CliRun text = CliRun.of("inspect", disk.toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("type:           virtual hard disk (VHDX)\n", "polyboot boots: no (damaged header (",
                "note:           damaged: ");
        CliRun json = CliRun.of("inspect", disk.toString(), "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(json.out()).get("images").get(0).has("details")).isFalse();
    }
}
