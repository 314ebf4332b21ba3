package dev.polyboot.core.api;

import dev.polyboot.core.install.Finding;
import dev.polyboot.core.install.VerifyReport;
import java.util.List;
import java.util.Locale;

/**
 * A stick read back and checked ({@code verify}, and the last step of install and update). JSON: {@code verify}.
 *
 * @param target   the stick as given
 * @param ok       no finding is corrupt (warnings allowed)
 * @param findings every check in the order made
 */
public record VerifyResult(String target, boolean ok, List<Check> findings) {
    public VerifyResult {
        findings = List.copyOf(findings);
    }

    /** @param severity "ok", "warning" or "corrupt" */
    public record Check(String severity, String message) {
        public boolean problem() {
            return !severity.equals("ok");
        }
    }

    static VerifyResult of(String path, VerifyReport r) {
        return new VerifyResult(path, r.ok(), r.findings().stream().map(VerifyResult::check).toList());
    }

    private static Check check(Finding f) {
        return new Check(f.severity().name().toLowerCase(Locale.ROOT), f.message());
    }

    /** The warnings and corruptions, without the checks that passed. */
    public List<Check> problems() {
        return findings.stream().filter(Check::problem).toList();
    }
}
