package dev.polyboot.formats.exfat;

import java.util.List;

/** All findings of one {@link ExfatCheck} run, in the order found, with the tree's size for context. */
public record ExfatCheckReport(List<ExfatFinding> findings, long directories, long files) {
    public ExfatCheckReport {
        findings = List.copyOf(findings);
    }

    public List<ExfatFinding> errors() {
        return findings.stream().filter(f -> f.severity() == ExfatFinding.Severity.ERROR).toList();
    }

    public boolean hasErrors() {
        return !errors().isEmpty();
    }

    /** No finding at all, warnings included. */
    public boolean isClean() {
        return findings.isEmpty();
    }

    public boolean has(ExfatFinding.Kind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }
}
