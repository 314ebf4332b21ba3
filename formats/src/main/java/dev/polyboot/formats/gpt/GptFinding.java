package dev.polyboot.formats.gpt;

import java.util.Objects;

/**
 * One thing a GPT reader or verifier noticed. WARNING: usable but not as tools would write it (misaligned,
 * backup not at the end). CORRUPT: bytes contradict the format or each other (CRC, overlaps, copies differ).
 */
public record GptFinding(Severity severity, String message) {
    public enum Severity { WARNING, CORRUPT }

    public GptFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static GptFinding warning(String message) {
        return new GptFinding(Severity.WARNING, message);
    }

    static GptFinding corrupt(String message) {
        return new GptFinding(Severity.CORRUPT, message);
    }

    @Override
    public String toString() {
        return severity + ": " + message;
    }
}
