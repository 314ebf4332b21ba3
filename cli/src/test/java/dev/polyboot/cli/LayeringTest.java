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
 * The CLI is a thin shell: it parses, calls core and prints. From formats it may name the block-device handle,
 * the partition record info prints, and exceptions — never a codec, writer or file system.
 */
class LayeringTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED_PREFIXES = List.of("java.", "picocli.", "com.fasterxml.jackson.",
            "dev.polyboot.cli.", "dev.polyboot.core.");
    private static final List<String> ALLOWED_FORMATS = List.of("dev.polyboot.formats.io.BlockDevice",
            "dev.polyboot.formats.part.PartitionInfo");

    @Test
    void cliImportsOnlyCorePicocliJacksonAndFormatsHandles() throws IOException {
        Path src = Path.of("src/main/java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(2);
                    boolean ok = ALLOWED_PREFIXES.stream().anyMatch(name::startsWith) || ALLOWED_FORMATS.contains(name)
                            || name.matches("dev\\.polyboot\\.formats\\.\\w+Exception");
                    if (!ok) offenders.add(src.relativize(f) + ": " + name);
                }
            }
        }
        assertThat(offenders).as("imports the CLI should leave to core").isEmpty();
    }
}
