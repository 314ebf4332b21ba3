package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real run per row of the README's exit-code table, and the table itself equal to every --help footer's. */
class ExitCodesTest {
    @TempDir
    static Path tmp;
    static Path stick;

    @BeforeAll
    static void installOnce() {
        stick = tmp.resolve("stick.img");
        CliRun r = CliRun.of("install", stick.toString(), "--size", "256M", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** The README's "Exit codes:" paragraph as code → meaning. */
    private static Map<Integer, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("Exit codes:");
        assertThat(at).as("README has an 'Exit codes:' paragraph").isNotNegative();
        String para = readme.substring(at, readme.indexOf("\n\n", at));
        Map<Integer, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("`(\\d)` ([^`]+?)(?:,\\s*$|,\\s*(?=`)|\\.?\\s*$)", Pattern.MULTILINE).matcher(para);
        while (m.find()) out.put(Integer.parseInt(m.group(1)), m.group(2).trim());
        return out;
    }

    @Test
    void readmeAndHelpFooterListTheSameCodes() throws IOException {
        Map<Integer, String> readme = readmeTable();
        assertThat(readme.keySet()).containsExactly(0, 1, 2, 3, 4);
        for (int code : readme.keySet()) {
            assertThat(ExitCodes.FOOTER).contains("  " + code + "  ");
        }
        assertThat(CliRun.of("add", "--help").out()).contains(ExitCodes.FOOTER.strip().lines().skip(1).findFirst().orElseThrow().strip());
    }

    @Test
    void code0Success() {
        CliRun r = CliRun.of("verify", stick.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK).isZero();
    }

    @Test
    void code1FailureNoSuchFile() {
        CliRun r = CliRun.of("info", tmp.resolve("missing.img").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("no such file").contains("hint:");
    }

    @Test
    void code2UsageError() {
        CliRun r = CliRun.of("list", stick.toString(), "--no-such-option");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option").contains("hint:");
    }

    @Test
    void code2JsonWithoutDryRunOnInstall() {
        CliRun r = CliRun.of("install", tmp.resolve("new.img").toString(), "--size", "256M", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--json needs --dry-run");
        assertThat(tmp.resolve("new.img")).doesNotExist();
    }

    @Test
    void quietAndVerboseShortForms() {
        CliRun quiet = CliRun.of("install", tmp.resolve("quiet.img").toString(), "--size", "256M", "-y", "-q");
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).as("no progress with -q").isEmpty();
        CliRun loud = CliRun.of("install", tmp.resolve("loud.img").toString(), "--size", "256M", "-y");
        assertThat(loud.err()).contains("formatting data partition (exFAT)...");
        CliRun verbose = CliRun.of("-v", "info", tmp.resolve("missing.img").toString());
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("polyboot: no such file").contains("\tat dev.polyboot.");
        CliRun dry = CliRun.of("install", tmp.resolve("dry.img").toString(), "--size", "256M", "-n", "--json");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).startsWith("{");
    }

    @Test
    void code3RefusedForSafety() {
        CliRun r = CliRun.of("install", stick.toString(), "--size", "256M", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("already holds polyboot");
    }

    @Test
    void code4VerificationFailed() throws IOException {
        Path broken = tmp.resolve("broken.img");
        Files.copy(stick, broken);
        try (RandomAccessFile f = new RandomAccessFile(broken.toFile(), "rw")) {
            f.seek(1100); // inside core.img at LBA 1 (MBR gap)
            f.write("garbage".getBytes(StandardCharsets.US_ASCII));
        }
        CliRun r = CliRun.of("verify", broken.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.out()).contains("core.img at LBA 1 differs", "stick BROKEN");
    }
}
