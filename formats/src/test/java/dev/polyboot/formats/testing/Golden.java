package dev.polyboot.formats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: text a test pins under {@code MODULE/src/test/resources/RESOURCE}. With
 * {@code -Dpolyboot.updateGolden=true} the file is (re)written instead of compared (then review the diff);
 * {@code -Dpolyboot.repo=DIR} names the repository when the module directory is not the working directory.
 */
public final class Golden {
    private Golden() {}

    /**
     * @param module   the module directory ("core", "formats") the resource lives in
     * @param resource path under src/test/resources, no leading '/'
     */
    public static void check(String actual, String module, String resource) throws IOException {
        if (Boolean.getBoolean("polyboot.updateGolden")) {
            String repo = System.getProperty("polyboot.repo");
            Path file = (repo == null ? Path.of("src/test/resources") : Path.of(repo, module, "src/test/resources")).resolve(resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as("golden file %s (regenerate with -Dpolyboot.updateGolden=true)", resource).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
