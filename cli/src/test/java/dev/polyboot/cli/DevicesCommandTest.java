package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.polyboot.core.device.DeviceJson;
import dev.polyboot.core.device.FakeMachine;
import dev.polyboot.formats.testing.Golden;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polyboot devices} over {@link FakeMachine} (a polyboot stick, a Ventoy stick, a blank USB disk, a loop
 * device, the system disk, an NVMe disk), read through {@code --sysroot}: text and JSON pinned by golden files
 * under {@code cli/src/test/resources/golden/devices/}, the JSON checked against the published schema. Regenerate
 * with {@code mvn -pl cli -am test -Dtest=DevicesCommandTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpolyboot.updateGolden=true} and review the diff.
 */
class DevicesCommandTest {
    @TempDir
    static Path tmp;
    static String root;

    @BeforeAll
    static void machine() throws Exception {
        root = FakeMachine.build(tmp).toString();
    }

    @Test
    void textShowsTheDisksAUserCouldPick() throws Exception {
        Golden.check(run("devices", "--sysroot", root), "cli", "golden/devices/devices.txt");
    }

    @Test
    void textWithAllMarksWhyTheOthersAreHidden() throws Exception {
        Golden.check(run("devices", "--all", "--sysroot", root), "cli", "golden/devices/devices-all.txt");
    }

    @Test
    void jsonFollowsTheSchema() throws Exception {
        String json = run("devices", "--json", "--sysroot", root);
        Golden.check(json, "cli", "golden/devices/devices.json");
        assertThat(violations(json)).isEmpty();
        assertThat(new ObjectMapper().readTree(json).get("devices")).extracting(d -> d.get("name").asText())
                .containsExactly("sdb", "sdc", "sdd");
    }

    @Test
    void jsonWithAllFollowsTheSchema() throws Exception {
        String json = run("devices", "--json", "--all", "--sysroot", root);
        Golden.check(json, "cli", "golden/devices/devices-all.json");
        assertThat(violations(json)).isEmpty();
    }

    @Test
    void theSchemaCatchesWhatIsWrong() throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(run("devices", "--json", "--sysroot", root));
        ((ObjectNode) doc.get("devices").get(0)).put("transport", "firewire");
        ((ObjectNode) doc.get("devices").get(1)).put("sizeBytes", "4 GiB");
        doc.put("schemaVersion", 2);
        assertThat(violations(doc.toString())).hasSize(3);
    }

    @Test
    void noDisksToOfferSaysSoAndHowToSeeTheOthers() throws Exception {
        Path bare = tmp.resolve("bare");
        java.nio.file.Files.createDirectories(bare.resolve("sys/class/block"));
        java.nio.file.Files.createDirectories(bare.resolve("proc/self"));
        java.nio.file.Files.writeString(bare.resolve("proc/self/mountinfo"), "");
        assertThat(run("devices", "--sysroot", bare.toString())).isEqualTo("no removable or USB disks found: plug in a USB stick"
                + System.lineSeparator());
    }

    @Test
    void withoutSysfsItIsOneLineWithAHint() {
        CliRun r = CliRun.of("devices", "--sysroot", tmp.resolve("nowhere").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith("polyboot: ").contains("sysfs");
    }

    @Test
    void helpDescribesTheCommandForTheManPage() {
        CliRun r = CliRun.of("devices", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: polyboot devices [-hqvV] [--all] [--json] [--sysroot=DIR]")
                .contains("holds the running system").contains("Exit codes:");
        assertThat(CliRun.of("--help").out()).contains("polyboot devices");
    }

    static List<Error> violations(String json) throws Exception {
        try (InputStream in = DeviceJson.class.getResourceAsStream(DeviceJson.SCHEMA_RESOURCE)) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            return schema.validate(new ObjectMapper().readTree(json));
        }
    }

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out();
    }
}
