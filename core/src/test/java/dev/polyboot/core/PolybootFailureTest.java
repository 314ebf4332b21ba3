package dev.polyboot.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** core has one exception family: every exception class in its main code implements {@link PolybootFailure}. */
class PolybootFailureTest {
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("class (\\w+) extends (\\w+Exception)\\b([^{]*)\\{");

    @Test
    void everyCoreExceptionIsAPolybootFailure() throws Exception {
        List<String> found;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            found = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return EXCEPTION_CLASS.matcher(Files.readString(p)).results()
                            .map(m -> m.group(1) + " extends " + m.group(2) + m.group(3).strip());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        }
        assertThat(found).isNotEmpty();
        for (String declaration : found) {
            String name = declaration.substring(0, declaration.indexOf(' '));
            Class<?> c = Class.forName(packageOf(name) + "." + name);
            assertThat(PolybootFailure.class.isAssignableFrom(c)).as(declaration).isTrue();
        }
    }

    private static String packageOf(String simpleName) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            Path p = files.filter(f -> f.getFileName().toString().equals(simpleName + ".java")).findFirst().orElseThrow();
            return Path.of("src/main/java").relativize(p.getParent()).toString().replace('/', '.');
        }
    }
}
