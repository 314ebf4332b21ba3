package dev.polyboot.core;

import static org.assertj.core.api.Assertions.assertThat;

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
        Path root = Path.of("src/main/java");
        List<String> found = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String pkg = root.relativize(p.getParent()).toString().replace('/', '.');
                String fileClass = p.getFileName().toString().replace(".java", "");
                EXCEPTION_CLASS.matcher(Files.readString(p)).results().forEach(m -> {
                    String name = m.group(1);
                    found.add(pkg + "." + (name.equals(fileClass) ? name : fileClass + "$" + name));
                });
            }
        }
        assertThat(found).isNotEmpty();
        for (String className : found) {
            assertThat(PolybootFailure.class.isAssignableFrom(Class.forName(className))).as(className).isTrue();
        }
    }
}
