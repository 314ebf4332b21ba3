package dev.polyboot.core.api;

import dev.polyboot.core.images.FilesReport;
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
 * @param files    {@code verify --full}: every file of the data partition read back; null without --full
 */
public record VerifyResult(String target, boolean ok, List<Check> findings, Files files) {
    public VerifyResult {
        findings = List.copyOf(findings);
    }

    /**
     * Every file of the data partition read back past the page cache and each image compared with the SHA-256 add
     * recorded.
     *
     * @param readable    false when the files could not be read at all (then {@code error} says why)
     * @param matching    images whose bytes equal what add recorded
     * @param notRecorded files read without a recorded hash (copied by hand, polyboot's own)
     * @param problems    files that differ or could not be read
     */
    public record Files(boolean readable, String error, int count, long bytesRead, double seconds, long matching,
                        long notRecorded, List<FileProblem> problems) {
        public Files {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return readable && problems.isEmpty();
        }

        static Files of(FilesReport r) {
            List<FileProblem> p = r.files().stream()
                    .filter(f -> f.status() == FilesReport.Status.DIFFERS || f.status() == FilesReport.Status.UNREADABLE)
                    .map(f -> new FileProblem(f.path(), f.status().name().toLowerCase(Locale.ROOT), f.detail())).toList();
            return new Files(true, null, r.files().size(), r.bytesRead(), r.nanos() / 1e9, r.count(FilesReport.Status.OK),
                    r.count(FilesReport.Status.NOT_RECORDED), p);
        }

        static Files unreadable(String error) {
            return new Files(false, error, 0, 0, 0, 0, 0, List.of());
        }
    }

    /** @param status "differs" or "unreadable" */
    public record FileProblem(String path, String status, String detail) {}

    VerifyResult withFiles(Files f) {
        return new VerifyResult(target, ok && f.ok(), findings, f);
    }

    /** @param severity "ok", "warning" or "corrupt" */
    public record Check(String severity, String message) {
        public boolean problem() {
            return !severity.equals("ok");
        }
    }

    static VerifyResult of(String path, VerifyReport r) {
        return new VerifyResult(path, r.ok(), r.findings().stream().map(VerifyResult::check).toList(), null);
    }

    private static Check check(Finding f) {
        return new Check(f.severity().name().toLowerCase(Locale.ROOT), f.message());
    }

    /** The warnings and corruptions, without the checks that passed. */
    public List<Check> problems() {
        return findings.stream().filter(Check::problem).toList();
    }
}
