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
        assertThat(list.get("images").get(0).get("menuTitle").asText()).matches("Lab image \"A\" \\| \\d+(\\.\\d)? (bytes|KiB|MiB)");

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
        assertThat(ok("list", img)).contains("linux/a.iso | ").doesNotContain("Lab A");
    }

    /**
     * A password is read from standard input (no terminal here), never from the command line, and only its GRUB PBKDF2
     * hash lands in /polyboot.json; show names the GRUB user, not the hash.
     */
    @Test
    void aPasswordIsReadFromStdinAndStoredAsAGrubHashOnly() throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("lab pass 2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ok("config", "set", img, "password./linux", "-");
            System.setIn(new java.io.ByteArrayInputStream("menu pass\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ok("config", "set", img, "password", "-");
            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            CliRun none = CliRun.of("config", "set", img, "password", "-");
            assertThat(none.exitCode()).as(none.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(none.err()).contains("no password on standard input");
        } finally {
            System.setIn(stdin);
        }
        JsonNode shown = JsonSchemaTest.valid("config", ok("config", "show", img, "--json"));
        assertThat(shown.get("passwordUser").asText()).isEqualTo("polyboot");
        assertThat(shown.get("images").get(0).get("path").asText()).isEqualTo("/linux");
        assertThat(shown.get("images").get(0).get("passwordUser").asText()).isEqualTo("linux");
        assertThat(ok("config", "show", img)).contains("password set (GRUB user name: polyboot)", "/linux  password (GRUB user name: linux)")
                .doesNotContain("grub.pbkdf2");

        dev.polyboot.core.config.StickConfig file = new dev.polyboot.core.images.ImageLibrary(dev.polyboot.core.device.TargetGuard.system(),
                java.time.Clock.systemUTC(), "test").config(new dev.polyboot.core.device.Target.ImageFile(Path.of(img))).orElseThrow();
        assertThat(dev.polyboot.core.config.GrubPassword.matches("lab pass 2".toCharArray(), file.images().get("/linux").password())).isTrue();
        assertThat(dev.polyboot.core.config.GrubPassword.matches("menu pass".toCharArray(), file.password())).isTrue();

        // a plain password on the command line is refused, and not repeated
        CliRun plain = CliRun.of("config", "set", img, "password", "hunter2");
        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(plain.err()).contains("not a GRUB PBKDF2 hash").doesNotContain("hunter2");
        ok("config", "set", img, "password", "");
        assertThat(JSON.readTree(ok("config", "show", img, "--json")).get("passwordUser").isNull()).isTrue();
    }

    /** A ventoy.json onto a stick: converted keys land in /polyboot.json and the menu; the others are printed with why. */
    @Test
    void importsAVentoyJsonAndPrintsWhatItCouldNotConvert() throws Exception {
        Path ventoy = Files.writeString(tmp.resolve("ventoy.json"), """
                {
                  "control": [{"VTOY_MENU_TIMEOUT": "7"}, {"VTOY_DEFAULT_IMAGE": "/linux/a.iso"}, {"VTOY_MENU_LANGUAGE": "de_DE"}],
                  "menu_alias": [{"image": "/linux/a.iso", "alias": "Lab A"}],
                  "image_list": ["/linux/a.iso"],
                  "password": {"menupwd": [{"parent": "/linux", "pwd": "txt#lab"}, {"file": "/linux/a.iso", "pwd": "md5#0cc175b9c0f1b6a831c399e269772661"}]},
                  "menu_tip": {"tips": [{"image": "/linux/a.iso", "tip": "hello"}]}
                }
                """);
        String out = ok("config", "import", img, ventoy.toString());
        assertThat(out).contains("control[0].VTOY_MENU_TIMEOUT -> timeout = 7", "menu_alias[0] -> alias./linux/a.iso = Lab A",
                "image_list -> listed./linux/a.iso = true", "image_list -> show = listed", "password.menupwd[0] -> password./linux",
                "control[2].VTOY_MENU_LANGUAGE: no polyboot equivalent", "password.menupwd[1]: an md5 hash", "menu_tip: stock GRUB 2.06")
                .doesNotContain("txt#lab");
        JsonNode shown = JsonSchemaTest.valid("config", ok("config", "show", img, "--json"));
        assertThat(shown.get("timeoutSeconds").asInt()).isEqualTo(7);
        assertThat(shown.get("show").asText()).isEqualTo("listed");
        assertThat(ok("config", "show", img)).contains("show     listed", "/linux/a.iso  listed");
        assertThat(shown.get("defaultImage").asText()).isEqualTo("/linux/a.iso");
        JsonNode list = JsonSchemaTest.valid("images", ok("list", img, "--json"));
        assertThat(list.get("images")).hasSize(1);
        assertThat(list.get("images").get(0).get("menuTitle").asText()).matches("Lab A \\| \\d+(\\.\\d)? (bytes|KiB|MiB)");

        CliRun missing = CliRun.of("config", "import", img, tmp.resolve("nope.json").toString());
        assertThat(missing.exitCode()).as(missing.toString()).isNotZero();
    }

    /** config edit runs the editor on a copy and writes it back only when valid; the menu follows. */
    @Test
    void editWritesOnlyAValidFile() throws Exception {
        ok("config", "set", img, "timeout", "4");
        // a broken edit: nothing written, the problem named with key and line, the edit kept
        CliRun bad = CliRun.of("config", "edit", img, "--editor", "sed -i 's/\"timeout\" : 4/\"timeout\" : \"soon\"/'");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(bad.err()).contains("line 4: \"timeout\": must be a whole number", "nothing was written", "your edit is kept in");
        assertThat(JSON.readTree(ok("config", "show", img, "--json")).get("timeoutSeconds").asInt()).isEqualTo(4);
        // a valid edit: written as edited, list follows
        assertThat(ok("config", "edit", img, "--editor", "sed -i 's/\"timeout\" : 4/\"timeout\" : 9, \"view\": \"folders\"/'"))
                .contains("timeout  9 s", "view     folders");
        assertThat(ok("config", "edit", img, "--editor", "true")).contains("no change");
        CliRun failing = CliRun.of("config", "edit", img, "--editor", "false");
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(failing.err()).contains("exited with 1");
    }

    private static String ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }
}
