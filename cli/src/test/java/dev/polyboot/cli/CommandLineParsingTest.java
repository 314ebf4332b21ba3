package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polyboot.core.api.MenuConsole;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Parsing only (CommandLine.parseArgs): no command runs, nothing is written. */
class CommandLineParsingTest {

    private static CommandLine cli() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private static <T> T sub(CommandLine.ParseResult r, Class<T> type) {
        return type.cast(r.subcommand().commandSpec().userObject());
    }

    @Test
    void installWithEveryOption() {
        CommandLine.ParseResult r = cli().parseArgs("install", "/dev/sdz", "--gpt", "--reserve", "512", "--label", "STICK",
                "--console", "both", "--yes", "--force", "--dry-run", "--json");
        InstallCommand c = sub(r, InstallCommand.class);
        assertThat(c.target).isEqualTo("/dev/sdz");
        assertThat(c.gpt).isTrue();
        assertThat(c.reserveMib).isEqualTo(512);
        assertThat(c.label).isEqualTo("STICK");
        assertThat(c.console).isEqualTo(MenuConsole.BOTH);
        assertThat(c.yes && c.force && c.dryRun && c.json).isTrue();
    }

    @Test
    void installDefaults() {
        InstallCommand c = sub(cli().parseArgs("install", "stick.img", "--size", "8G"), InstallCommand.class);
        assertThat(c.size).isEqualTo("8G");
        assertThat(c.gpt).isFalse();
        assertThat(c.reserveMib).isZero();
        assertThat(c.label).isEqualTo("POLYBOOT");
        assertThat(c.console).isEqualTo(MenuConsole.SCREEN);
        assertThat(c.yes || c.force || c.dryRun || c.json).isFalse();
    }

    @Test
    void consoleValuesAreCaseInsensitiveAndChecked() {
        assertThat(sub(cli().parseArgs("install", "x", "--console", "Serial"), InstallCommand.class).console)
                .isEqualTo(MenuConsole.SERIAL);
        assertThatThrownBy(() -> cli().parseArgs("install", "x", "--console", "hdmi"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void addTakesManyFilesAndADirectory() {
        AddCommand c = sub(cli().parseArgs("add", "stick.img", "a.iso", "b.img", "--to", "/linux"), AddCommand.class);
        assertThat(c.target).isEqualTo("stick.img");
        assertThat(c.files).containsExactly(Path.of("a.iso"), Path.of("b.img"));
        assertThat(c.toDir).isEqualTo("/linux");
        assertThat(sub(cli().parseArgs("add", "s", "a.iso"), AddCommand.class).toDir).isEqualTo("/");
        assertThat(sub(cli().parseArgs("add", "s", "a.iso"), AddCommand.class).force).isFalse();
        assertThat(sub(cli().parseArgs("add", "-f", "s", "a.iso"), AddCommand.class).force).isTrue();
        assertThat(sub(cli().parseArgs("add", "s", "a.iso", "--force"), AddCommand.class).force).isTrue();
        assertThatThrownBy(() -> cli().parseArgs("add", "stick.img")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void otherCommands() {
        TryCommand t = sub(cli().parseArgs("try", "s.img", "--uefi", "--timeout", "30"), TryCommand.class);
        assertThat(t.uefi).isTrue();
        assertThat(t.timeoutSeconds).isEqualTo(30);
        assertThat(sub(cli().parseArgs("info", "s.img", "--json"), InfoCommand.class).json).isTrue();
        assertThat(sub(cli().parseArgs("list", "s.img", "--json"), ListCommand.class).json).isTrue();
        RemoveCommand rm = sub(cli().parseArgs("remove", "s.img", "/a.iso"), RemoveCommand.class);
        assertThat(rm.path).isEqualTo("/a.iso");
        assertThat(sub(cli().parseArgs("update", "s.img", "--yes"), UpdateCommand.class).yes).isTrue();
        assertThat(cli().parseArgs("demo").subcommand().commandSpec().name()).isEqualTo("demo");
        assertThat(cli().parseArgs("verify", "s.img").subcommand().commandSpec().name()).isEqualTo("verify");
    }

    @Test
    void unknownOptionIsAParseError() {
        assertThatThrownBy(() -> cli().parseArgs("install", "x", "--mbr"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"install", "update", "info", "add", "list", "remove", "verify", "try", "demo", "inspect", "refresh"})
    void everyCommandHasHelpWithExamplesAndExitCodes(String name) {
        StringWriter out = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), name, "--help");
        assertThat(rc).isZero();
        assertThat(out.toString()).contains("Usage: polyboot " + name).contains("Examples:")
                .contains("Exit codes:").contains("3  refused for safety");
    }

    @Test
    void usageErrorIsOneLinePlusHintAndExitCode2() {
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "install");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "polyboot: Missing required parameter: 'TARGET'", "hint: polyboot install --help shows the usage");
    }

    @Test
    void dryRunPrintsThePlanAsJsonAndWritesNothing(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("s.img");
        StringWriter out = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "install", img.toString(), "--size", "1G", "--gpt", "--dry-run", "--json");
        assertThat(rc).isZero();
        JsonNode plan = new ObjectMapper().readTree(out.toString());
        assertThat(plan.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(plan.get("layout").get("diskBytes").asLong()).isEqualTo(1L << 30);
        assertThat(plan.get("layout").get("style").asText()).isEqualTo("gpt");
        assertThat(plan.get("layout").get("partitions")).hasSize(3);
        assertThat(plan.get("refusals")).isEmpty();
        assertThat(img).doesNotExist();
    }

    @Test
    void dryRunTextAndErrorsForBadSizes(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String img = dir.resolve("s.img").toString();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "install", img, "--size", "8G", "--dry-run")).isZero();
        assertThat(out.toString()).contains("MBR").contains("0x07 active").contains("0xEF");
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "install", img, "--size", "50M", "--dry-run"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("polyboot: the disk is too small").contains("hint: ");
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "install", img, "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist; give --size");
    }

    @Test
    void versionOption() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version")).isZero();
        assertThat(out.toString()).startsWith("polyboot ");
        assertThat(List.of(out.toString().split("\n"))).hasSizeGreaterThanOrEqualTo(1);
    }
}
