package dev.polyboot.core.install;

/** One result line of {@link StickVerifier}: what was checked and how it came out. */
public record Finding(Severity severity, String message) {
    public enum Severity {
        /** Checked and as expected. */
        OK,
        /** Works, but not as this polyboot would write it (older payload, reader fell back to a backup). */
        WARNING,
        /** Broken: the stick will not boot or a file differs from its manifest. */
        CORRUPT
    }

    static Finding ok(String m) {
        return new Finding(Severity.OK, m);
    }

    static Finding warning(String m) {
        return new Finding(Severity.WARNING, m);
    }

    static Finding corrupt(String m) {
        return new Finding(Severity.CORRUPT, m);
    }

    @Override
    public String toString() {
        return severity + ": " + message;
    }
}
