package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.polyboot.core.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's real {@code --json} output, on a stick image this test makes, against the JSON Schema of its
 * concept under {@code core/src/main/resources/dev/polyboot/core/api/} (schemas refer to each other by their $id,
 * resolved from the class path): one shape per concept, the same image record in add, list and refresh.
 */
class JsonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix("https://polyboot.dev/schema/", "classpath:dev/polyboot/core/api/")));

    @TempDir
    Path tmp;

    @Test
    void everyCommandsJsonFollowsItsSchema() throws Exception {
        String img = tmp.resolve("stick.img").toString();
        JsonNode plan = valid("install-plan", ok("install", img, "--size", "256M", "--gpt", "--dry-run", "--json"));
        assertThat(plan.get("refusals")).isEmpty();
        ok("install", img, "--size", "256M");

        Path efi = Files.write(tmp.resolve("tool.efi"), new byte[4096]);
        Path iso = Files.write(tmp.resolve("live.iso"), new byte[777_777]);
        JsonNode add = valid("add", ok("add", "--force", "--json", img, efi.toString(), iso.toString(), "--to", "/tools"));
        assertThat(add.get("added")).hasSize(2);
        assertThat(add.get("added").get(0).get("sha256").asText()).hasSize(64);

        JsonNode list = valid("images", ok("list", img, "--json"));
        // add reports each image exactly as list shows it
        for (JsonNode a : add.get("added")) assertThat(list.get("images")).contains(a.get("image"));

        JsonNode refresh = valid("refresh", ok("refresh", img, "--yes", "--json"));
        assertThat(refresh.get("images")).extracting(n -> n.get("image").get("path").asText())
                .containsExactlyInAnyOrder("/tools/live.iso", "/tools/tool.efi");

        JsonNode info = valid("stick-info", ok("info", img, "--json"));
        assertThat(info.get("style").asText()).isEqualTo("mbr");
        assertThat(info.get("data").get("fileSystem").asText()).isEqualTo("exfat");

        JsonNode verify = valid("verify", ok("verify", img, "--json"));
        assertThat(verify.get("ok").asBoolean()).isTrue();
        assertThat(verify.get("findings")).allMatch(f -> !f.get("severity").asText().equals("corrupt"));

        JsonNode inspect = valid("inspect", ok("inspect", "--json", "/usr/lib/ipxe/ipxe.iso", efi.toString()));
        assertThat(inspect.get("images")).extracting(n -> n.get("name").asText()).containsExactly("ipxe.iso", "tool.efi");
        assertThat(inspect.get("images").get(0).get("sizeBytes").asLong()).isEqualTo(Files.size(Path.of("/usr/lib/ipxe/ipxe.iso")));

        JsonNode removed = valid("remove", ok("remove", "--json", img, "/tools/live.iso"));
        assertThat(removed.get("removed").asText()).isEqualTo("/tools/live.iso");
        assertThat(valid("images", ok("list", img, "--json")).get("images")).extracting(n -> n.get("path").asText())
                .containsExactly("/tools/tool.efi");
    }

    @Test
    void aRefusedDryRunPrintsThePlanWithItsRefusal() throws Exception {
        Path img = tmp.resolve("stick.img");
        ok("install", img.toString(), "--size", "256M");
        CliRun dry = CliRun.of("install", img.toString(), "--dry-run", "--json");
        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(ExitCodes.REFUSED);
        JsonNode plan = JSON.readTree(dry.out());
        assertThat(violations("install-plan", plan)).isEmpty();
        assertThat(plan.get("refusals").get(0).get("kind").asText()).isEqualTo("already-polyboot");
        assertThat(dry.err()).contains("polyboot: " + img + " already holds polyboot");
    }

    @Test
    void theSchemasCatchWhatIsWrong() throws Exception {
        String img = tmp.resolve("stick.img").toString();
        ok("install", img, "--size", "256M");
        ok("add", "--force", img, Files.write(tmp.resolve("a.iso"), new byte[4096]).toString());
        ObjectNode list = (ObjectNode) JSON.readTree(ok("list", img, "--json"));
        ObjectNode image = (ObjectNode) list.get("images").get(0);
        image.put("sizeBytes", "4 KiB");
        image.put("kind", "ISO");
        list.put("schemaVersion", 2);
        assertThat(violations("images", list)).hasSize(3);
    }

    /**
     * The schema of /polyboot.json itself (not a command's output: no schemaVersion) agrees with polyboot's reader on
     * a valid file, what config set writes, and the invalid files the reader refuses.
     */
    @Test
    void polybootJsonSchemaAgreesWithTheReader() throws Exception {
        String img = tmp.resolve("stick.img").toString();
        ok("install", img, "--size", "256M");
        ok("config", "set", img, "alias./linux/a.iso", "Lab A");
        ok("config", "set", img, "hidden./b.iso", "true");
        ok("config", "set", img, "timeout", "3");
        JsonNode shown = valid("config", ok("config", "show", img, "--json"));
        ObjectNode file = JSON.createObjectNode().put("version", 1);
        file.putObject("menu").put("timeout", shown.get("timeoutSeconds").asInt()).put("default", "/linux/a.iso");
        ObjectNode images = file.putObject("images");
        images.putObject("/linux/a.iso").put("alias", "Lab A");
        images.putObject("/b.iso").put("hidden", true);
        String hash = dev.polyboot.core.config.GrubPassword.hash("x".toCharArray());
        ((ObjectNode) file.get("menu")).put("password", hash);
        images.putObject("/tools").put("password", hash);
        assertThat(violations("polyboot-config", file)).isEmpty();
        assertThat(dev.polyboot.core.config.StickConfigReader.read(JSON.writeValueAsBytes(file)).password()).isEqualTo(hash);
        for (String bad : List.of("{\"version\": 2}", "{}", "{\"version\": 1, \"menu\": {\"timeout\": \"5\"}}",
                "{\"version\": 1, \"menu\": {\"timeout\": 99999}}", "{\"version\": 1, \"menu\": {\"default\": \"a.iso\"}}",
                "{\"version\": 1, \"view\": \"folders\"}", "{\"version\": 1, \"images\": {\"/a.iso\": {\"alias\": \"\"}}}",
                "{\"version\": 1, \"images\": {\"/a.iso\": {\"hidden\": \"yes\"}}}",
                "{\"version\": 1, \"images\": {\"a.iso\": {}}}", "{\"version\": 1, \"images\": {\"/a.iso\": {\"tipp\": \"x\"}}}",
                "{\"version\": 1, \"menu\": {\"password\": \"hunter2\"}}", "{\"version\": 1, \"images\": {\"/a\": {\"password\": \"grub.pbkdf2.sha512.10.ABC.12\"}}}")) {
            assertThat(violations("polyboot-config", JSON.readTree(bad))).as(bad).isNotEmpty();
        }
    }

    private static String ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    static JsonNode valid(String concept, String out) throws Exception {
        JsonNode doc = JSON.readTree(out);
        assertThat(violations(concept, doc)).as(concept + ":\n" + out).isEmpty();
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(Json.SCHEMA_VERSION);
        return doc;
    }

    static List<Error> violations(String concept, JsonNode doc) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of("https://polyboot.dev/schema/" + concept + ".schema.json"));
        return schema.validate(doc);
    }
}
