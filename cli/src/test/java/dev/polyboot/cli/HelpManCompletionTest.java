package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code polyboot help COMMAND}, the bash completion script picocli generates ({@code generate-completion}, run by
 * real bash) and the man pages the build generates (picocli's ManPageGenerator + asciidoctor, read by man -l).
 */
class HelpManCompletionTest {
    private static final Path MAN = Path.of("target", "man");

    @Test
    void helpCommandPrintsTheCommandsUsage() {
        CliRun help = CliRun.of("help", "add");
        CliRun usage = CliRun.of("add", "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).isEqualTo(usage.out()).contains("Usage: polyboot add");
    }

    @Test
    void completionScriptCompletesCommandsAndOptions(@TempDir Path tmp) throws Exception {
        CliRun gen = CliRun.of("generate-completion");
        assertThat(gen.exitCode()).as(gen.toString()).isZero();
        Path script = tmp.resolve("polyboot-completion.bash");
        Files.writeString(script, gen.out());
        assertThat(run(List.of("bash", "-n", script.toString())).rc).isZero();
        assertThat(complete(script, "polyboot", "ad")).containsExactly("add");
        assertThat(complete(script, "polyboot", "list", "--j")).containsExactly("--json");
        assertThat(complete(script, "polyboot", "he")).containsExactly("help");
    }

    /** What bash offers for the last word (the completion function picocli generates, called as bash would). */
    private static List<String> complete(Path script, String... words) throws Exception {
        String w = String.join(" ", words);
        String cmd = "source '" + script + "'; COMP_WORDS=(" + w + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + w + "'; COMP_POINT=${#COMP_LINE}; _complete_polyboot; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Result r = run(List.of("bash", "-c", cmd));
        assertThat(r.rc).as(r.out).isZero();
        return r.out.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void everyCommandHasAManPageThatManRenders() throws Exception {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(MAN.resolve("polyboot.1")).exists();
        for (String name : cl.getSubcommands().keySet()) {
            Path page = MAN.resolve("polyboot-" + name + ".1");
            assertThat(page).as("man page of " + name + " (made at process-classes)").exists();
        }
        Result add = run(List.of("man", "-l", MAN.resolve("polyboot-add.1").toString()));
        assertThat(add.rc).as(add.out).isZero();
        assertThat(add.out.replaceAll(".\b", "")).contains("polyboot-add", "SYNOPSIS", "--to=DIR", "TARGET");
    }

    private record Result(int rc, String out) {}

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
