package dev.polyboot.core.install;

import java.util.List;

/** All findings of one verification, in the order they were checked. */
public record VerifyReport(List<Finding> findings) {
    public VerifyReport {
        findings = List.copyOf(findings);
    }

    /** No finding is CORRUPT (warnings allowed). */
    public boolean ok() {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.CORRUPT);
    }

    public List<Finding> problems() {
        return findings.stream().filter(f -> f.severity() != Finding.Severity.OK).toList();
    }
}
