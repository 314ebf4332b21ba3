package dev.polyboot.web;

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
 * The web layer serves JSON and files and calls core's API ({@code dev.polyboot.core.api}) only: no other core
 * package, nothing of formats, so no disk logic can live in a handler — neither by import nor by a qualified name.
 */
class WebLayeringTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.polyboot\\.(?!web\\b|core\\.api\\b)[\\w.]+");
    private static final List<String> ALLOWED = List.of("java.", "com.sun.net.httpserver.", "com.fasterxml.jackson.",
            "dev.polyboot.web.", "dev.polyboot.core.api.");

    @Test
    void webNamesOnlyTheCoreApiJacksonAndTheJdk() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path f : sources) {
            String text = Files.readString(f);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                if (ALLOWED.stream().noneMatch(m.group(2)::startsWith)) offenders.add(f.getFileName() + ": import " + m.group(2));
            }
            Matcher q = QUALIFIED.matcher(text.replaceAll("(?m)^import .*$", ""));
            while (q.find()) offenders.add(f.getFileName() + ": " + q.group());
        }
        assertThat(offenders).as("what the web layer should reach through dev.polyboot.core.api").isEmpty();
    }
}
