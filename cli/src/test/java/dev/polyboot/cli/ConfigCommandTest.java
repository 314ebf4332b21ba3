package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polyboot config show|validate|set} on a stick image: the round trip through set and show, list following the
 * configuration, invalid values and files named with key and line, and a broken file that list survives with a warning.
 */
class ConfigCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    String img;

    @BeforeEach
    void stick() throws Exception {
        img = tmp.resolve("stick.img").toString();
        ok("install", img, "--size", "256M");
        ok("add", "--force", img, Files.write(tmp.resolve("a.iso"), new byte[4096]).toString(),
                Files.write(tmp.resolve("b.iso"), new byte[8192]).toString(), "--to", "/linux");
    }

    @Test
    void setThenShowRoundTripsAndListFollows() throws Exception {
        assertThat(ok("config", "show", img)).contains("no /polyboot.json");
        assertThat(ok("config", "validate", img)).contains("no /polyboot.json");
        ok("config", "set", img, "alias./linux/a.iso", "Lab image \"A\"");
        ok("config", "set", img, "hidden./linux/b.iso", "true");
        ok("config", "set", img, "timeout", "10");
        String set = ok("config", "set", img, "default", "/linux/a.iso", "--json");
        JsonNode shown = JsonSchemaTest.valid("config", ok("config", "show", img, "--json"));
        assertThat(shown).isEqualTo(JSON.readTree(set));
        assertThat(shown.get("exists").asBoolean()).isTrue();
        assertThat(shown.get("timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(shown.get("defaultImage").asText()).isEqualTo("/linux/a.iso");
        assertThat(shown.get("images")).hasSize(2);
        assertThat(ok("config", "show", img)).contains("timeout  10 s", "default  /linux/a.iso",
                "/linux/a.iso  alias \"Lab image \"A\"\"", "/linux/b.iso  hidden");
        assertThat(ok("config", "validate", img)).contains("/polyboot.json is valid");

        JsonNode list = JsonSchemaTest.valid("images", ok("list", img, "--json"));
        assertThat(list.get("images")).hasSize(1);
        assertThat(list.get("images").get(0).get("menuTitle").asText()).isEqualTo("Lab image \"A\"");

        ok("config", "set", img, "timeout", "");
        assertThat(JSON.readTree(ok("config", "show", img, "--json")).get("timeoutSeconds").isNull()).isTrue();
    }

    @Test
    void badKeysAndValuesAreUsageErrorsNamingTheKey() {
        CliRun r = CliRun.of("config", "set", img, "timout", "5");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("\"timout\"");
        r = CliRun.of("config", "set", img, "hidden./linux/a.iso", "yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("\"hidden./linux/a.iso\": true or false");
    }

    @Test
    void aBrokenFileFailsValidateWithKeyAndLineAndListWarns() throws Exception {
        ok("config", "set", img, "alias./linux/a.iso", "Lab A");
        ok("remove", img, "/polyboot.json");
        Path broken = Files.writeString(tmp.resolve("polyboot.json"), "{\n  \"version\": 1,\n  \"images\": {\"/linux/a.iso\": {\"hidden\": \"yes\"}}\n}\n");
        ok("add", "--force", img, broken.toString());

        CliRun v = CliRun.of("config", "validate", img);
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(v.err()).contains("/polyboot.json line 3: \"images./linux/a.iso.hidden\": must be true or false");

        CliRun list = CliRun.of("list", img);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.err()).contains("line 3", "the configuration is ignored");
        // the plain menu: polyboot's titles; the alias the refresh wrote earlier would need a valid file
        CliRun refresh = CliRun.of("refresh", img, "--yes");
        assertThat(refresh.exitCode()).as(refresh.toString()).isZero();
        assertThat(refresh.err()).contains("the configuration is ignored");
        assertThat(ok("list", img)).contains("linux/a.iso\"").doesNotContain("Lab A");
    }

    private static String ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }
}
