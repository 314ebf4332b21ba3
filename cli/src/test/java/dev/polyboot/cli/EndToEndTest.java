package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.formats.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI's main on sparse image files, the way a user runs it: install → info → add → list → remove →
 * update → verify, then independent tools check the result.
 */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"1G, MBR", "1G, GPT", "8G, MBR", "8G, GPT", "64G, MBR", "64G, GPT"})
    void wholeLifeCycleOnAnImage(String size, String style) throws Exception {
        String img = tmp.resolve("stick.img").toString();
        boolean gpt = style.equals("GPT");
        CliRun install = gpt ? CliRun.of("install", img, "--size", size, "--gpt", "--label", "MYSTICK")
                : CliRun.of("install", img, "--size", size, "--label", "MYSTICK", "--console", "serial");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.out()).contains("installed on " + img);

        JsonNode info = JSON.readTree(ok("info", img, "--json").out());
        assertThat(info.get("polyboot").asBoolean()).isTrue();
        assertThat(info.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(info.get("style").asText()).isEqualTo(style.toLowerCase(java.util.Locale.ROOT));
        assertThat(info.get("data").get("label").asText()).isEqualTo("MYSTICK");
        assertThat(info.get("console").asText()).isEqualTo(gpt ? "screen" : "serial");
        assertThat(ok("info", img).out()).contains("polyboot stick (" + style);

        Path a = file("b-second.iso", 3_000_000, 1);
        Path b = file("a-first.img", 700_000, 2);
        assertThat(ok("add", "--force", img, a.toString(), b.toString()).out()).contains("added /b-second.iso").contains("added /a-first.img");
        assertThat(ok("add", "-f", img, b.toString(), "--to", "/tools").out()).contains("added /tools/a-first.img");
        JsonNode list = JSON.readTree(ok("list", img, "--json").out()).get("images");
        // add catalogues what it copies: the catalogue part of the menu is sorted by path
        assertThat(list).extracting(n -> n.get("path").asText())
                .containsExactly("/a-first.img", "/b-second.iso", "/tools/a-first.img");
        assertThat(list.get(1).get("sizeBytes").asLong()).isEqualTo(3_000_000);
        assertThat(list).allMatch(n -> n.get("catalogued").asBoolean());
        assertThat(ok("refresh", img, "--yes").out()).contains("catalogue: 3 images");

        ok("remove", img, "/a-first.img");
        assertThat(ok("list", img).out()).doesNotContain(" /a-first.img").contains("/b-second.iso");

        assertThat(ok("update", img, "--yes").out()).contains("data partition untouched");
        assertThat(ok("verify", img).out()).contains("stick OK");
        oracles(Path.of(img), gpt);
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    private Path file(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(tmp.resolve(name), b);
    }

    /** sfdisk reads and checks the table, sgdisk -v checks a GPT, fsck.exfat / fsck.fat check both file systems. */
    static void oracles(Path img, boolean gpt) throws Exception {
        JsonNode t = JSON.readTree(Tools.run("sfdisk", "--json", img.toString()).assertOk().stdout()).get("partitiontable");
        assertThat(t.get("label").asText()).isEqualTo(gpt ? "gpt" : "dos");
        assertThat(Tools.run("sfdisk", "-V", img.toString()).assertOk().stdout()).contains("No errors detected");
        // sgdisk -v only judges GPTs (on an MBR disk it checks an in-memory conversion instead)
        if (gpt) assertThat(Tools.run("sgdisk", "-v", img.toString()).assertOk().stdout()).contains("No problems found");
        JsonNode data = t.get("partitions").get(0);
        JsonNode boot = t.get("partitions").get(1);
        String loop = LoopDevice.attachRange(img, data.get("start").asLong() * 512, data.get("size").asLong() * 512);
        try {
            Tools.run("fsck.exfat", "-n", loop).assertOk();
        } finally {
            Tools.run("losetup", "-d", loop);
        }
        loop = LoopDevice.attachRange(img, boot.get("start").asLong() * 512, boot.get("size").asLong() * 512);
        try {
            assertThat(Tools.run("fsck.fat", "-n", "-v", loop).assertOk().stdout()).contains("16 bit entries");
        } finally {
            Tools.run("losetup", "-d", loop);
        }
    }
}
