package dev.polyboot.formats;

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
 * The formats layer is JDK-only: it may import java.*, the JDK's javax.xml (module java.xml), com.sun.nio.file (module
 * jdk.unsupported: ExtendedOpenOption.DIRECT, O_DIRECT for uncached read-backs) and its own packages.
 */
class LayeringTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void formatsImportsOnlyJdkAndItself() throws IOException {
        Path src = Path.of("src/main/java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(2);
                    if (!name.startsWith("java.") && !name.startsWith("javax.xml.") && !name.equals("com.sun.nio.file.ExtendedOpenOption")
                            && !name.startsWith("dev.polyboot.formats.")) {
                        offenders.add(src.relativize(f) + ": " + name);
                    }
                }
            }
        }
        assertThat(offenders).as("non-JDK imports in formats").isEmpty();
    }
}
