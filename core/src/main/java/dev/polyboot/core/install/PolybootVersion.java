package dev.polyboot.core.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this polyboot build (filled in by Maven resource filtering). */
public final class PolybootVersion {
    private PolybootVersion() {}

    public static String get() {
        try (InputStream in = PolybootVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
