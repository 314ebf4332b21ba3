package dev.polyboot.formats.gpt;

import java.util.List;
import java.util.Objects;

/** What {@link GptReader} found: the table, which copy it came from, and what was wrong on the way. */
public record GptReadResult(GptTable table, Source source, GptHeader header, List<GptFinding> findings) {
    public enum Source { PRIMARY, BACKUP }

    public GptReadResult {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(header, "header");
        findings = List.copyOf(findings);
    }
}
