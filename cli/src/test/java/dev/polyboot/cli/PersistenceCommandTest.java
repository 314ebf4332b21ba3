package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polyboot.core.catalog.FamilyLayouts;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.time.Clock;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polyboot persistence create|list|remove} on a stick image: the JSON of each against persistence.schema.json,
 * the stick's /.polyboot/bindings.json against polyboot-bindings.schema.json, refusals as exit code 3 with a hint, usage errors as 2.
 */
class PersistenceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    String img;

    @BeforeEach
    void stick() throws Exception {
        img = tmp.resolve("stick.img").toString();
        ok("install", img, "--size", "512M");
        ok("add", img, FamilyLayouts.iso(FamilyLayouts.named("debian-live"), tmp).toString(), "--to", "/live");
        ok("add", img, FamilyLayouts.iso(FamilyLayouts.named("tails"), tmp).toString(), "--to", "/live");
    }

    @Test
    void createListRemoveFollowTheirSchema() throws Exception {
        JsonNode created = JsonSchemaTest.valid("persistence",
                ok("persistence", "create", img, "--for", "/live/debian-live.iso", "--size", "48M", "--json"));
        JsonNode f = created.get("files").get(0);
        assertThat(f.get("file").asText()).isEqualTo("/persistence/debian-live.dat");
        assertThat(f.get("sizeBytes").asLong()).isEqualTo(48L << 20);
        assertThat(f.get("extents").asInt()).isEqualTo(1);
        assertThat(f.get("label").asText()).isEqualTo("persistence");

        JsonNode listed = JsonSchemaTest.valid("persistence", ok("persistence", "list", img, "--json"));
        assertThat(listed.get("files")).hasSize(1);
        assertThat(listed.get("files").get(0).get("fingerprint")).isEqualTo(f.get("fingerprint"));
        assertThat(ok("persistence", "list", img)).contains("/persistence/debian-live.dat for /live/debian-live.iso",
                "48 MiB, ext4 label persistence, family debian-live", "contiguous");

        // list shows the binding under its image, in JSON and in text
        JsonNode images = JsonSchemaTest.valid("images", ok("list", img, "--json"));
        assertThat(images.get("persistence")).hasSize(1);
        assertThat(images.get("persistence").get(0).get("image").asText()).isEqualTo("/live/debian-live.iso");
        assertThat(ok("list", img)).contains("persistence /persistence/debian-live.dat (persistence): menu entries with and without persistence");

        JsonNode removed = JsonSchemaTest.valid("persistence",
                ok("persistence", "remove", img, "--for", "/live/debian-live.iso", "--json"));
        assertThat(removed.get("files").get(0).get("fileExists").asBoolean()).isFalse();
        assertThat(ok("persistence", "list", img)).contains("no persistence files");
    }

    @Test
    void aStickWithThisBuildsHelperGetsNoWarning() {
        CliRun r = CliRun.of("persistence", "create", img, "--for", "/live/debian-live.iso", "--size", "40M");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(r.out()).contains("created /persistence/debian-live.dat for /live/debian-live.iso");
    }

    @Test
    void aFamilyThatCannotPersistIsRefusedWithTheReason() {
        CliRun r = CliRun.of("persistence", "create", img, "--for", "/live/tails.iso", "--size", "48M");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err()).contains("no persistence for /live/tails.iso: Tails keeps its Persistent Storage", "hint: ");
    }

    @Test
    void missingForOrSubcommandIsAUsageError() {
        assertThat(CliRun.of("persistence", "create", img).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("persistence").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theBindingsFileOnTheStickFollowsItsSchema() throws Exception {
        ok("persistence", "create", img, "--for", "/live/debian-live.iso", "--size", "40M");
        JsonNode b;
        try (BlockDevice disk = FileBlockDevice.open(Path.of(img), true);
             InputStream in = Channels.newInputStream(ExfatVolume.open(StickDisk.read(disk).dataSlice(), Clock.systemUTC())
                     .open("/.polyboot/bindings.json"))) {
            b = JSON.readTree(in);
        }
        assertThat(JsonSchemaTest.violations("polyboot-bindings", b)).isEmpty();
        assertThat(b.get("persistence").get("/live/debian-live.iso").get("file").asText()).isEqualTo("/persistence/debian-live.dat");
        assertThat(JsonSchemaTest.violations("polyboot-bindings", JSON.readTree("{\"version\": 1, \"persistence\": {\"x.iso\": {}}}")))
                .isNotEmpty();
    }

    private static String ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }
}
