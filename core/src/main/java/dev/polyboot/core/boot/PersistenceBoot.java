package dev.polyboot.core.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A catalogued image's persistence file as its "with persistence" menu entry passes it: the family's own parameters
 * ({@code persistence} for live-boot, ...) and the helper's {@code polyboot.pfile=} (the file's path, %-encoded as
 * {@link PbinitArgs#percentPath}) and {@code polyboot.pfp=} (its fingerprint; the helper maps the file read-write only
 * when it matches). The contract: payload/src/helper/README.md, "Persistence".
 */
public record PersistenceBoot(String file, String fingerprint, List<String> familyArgs) {
    /** Where the helper links the persistence device. */
    public static final String DEVICE = "/dev/polyboot/persistence";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public PersistenceBoot {
        Objects.requireNonNull(file, "file");
        if (!file.startsWith("/") || file.endsWith("/")) throw new IllegalArgumentException("not an absolute file path: " + file);
        if (!HEX64.matcher(fingerprint).matches()) throw new IllegalArgumentException("fingerprint is not 64 lower-case hex digits");
        familyArgs = List.copyOf(familyArgs);
    }

    public List<String> render() {
        List<String> a = new ArrayList<>(familyArgs);
        a.add("polyboot.pfile=" + PbinitArgs.percentPath(file));
        a.add("polyboot.pfp=" + fingerprint);
        return a;
    }
}
