package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a thin shell: it parses, calls core's API ({@code dev.polyboot.core.api}, the one entry point the web UI
 * uses too) and prints. It names nothing else of polyboot (only {@code dev.polyboot.web.WebServer}, which
 * {@code polyboot web} starts): no other core package, nothing of formats — neither by import nor by a fully qualified
 * name in the code.
 */
class LayeringTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.polyboot\\.(?!cli\\b|core\\.api\\b|web\\.WebServer\\b)[\\w.]+");
    private static final List<String> ALLOWED_PREFIXES = List.of("java.", "picocli.", "com.fasterxml.jackson.",
            "dev.polyboot.cli.", "dev.polyboot.core.api.", "dev.polyboot.web.WebServer");

    @Test
    void cliNamesOnlyTheCoreApiPicocliJacksonAndTheJdk() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            String text = Files.readString(f);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String name = m.group(2);
                if (ALLOWED_PREFIXES.stream().noneMatch(name::startsWith)) offenders.add(f.getFileName() + ": import " + name);
            }
            Matcher q = QUALIFIED.matcher(text.replaceAll("(?m)^import .*$", ""));
            while (q.find()) offenders.add(f.getFileName() + ": " + q.group());
        }
        assertThat(offenders).as("what the CLI should reach through dev.polyboot.core.api").isEmpty();
    }

    @Test
    void theRuleCatchesAQualifiedNameToo() {
        assertThat(QUALIFIED.matcher("new dev.polyboot.core.images.ImageLibrary(g)").find()).isTrue();
        assertThat(QUALIFIED.matcher("dev.polyboot.formats.io.BlockDevice d").find()).isTrue();
        assertThat(QUALIFIED.matcher("dev.polyboot.core.api.Confirmation.of(d)").find()).isFalse();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
