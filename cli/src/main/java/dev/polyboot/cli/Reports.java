package dev.polyboot.cli;

import dev.polyboot.core.api.VerifyResult;
import java.io.PrintWriter;

/** Prints a verification's warnings and corruptions and picks the exit code. */
final class Reports {
    private Reports() {}

    static int exitCode(VerifyResult r, PrintWriter err) {
        for (VerifyResult.Check f : r.problems()) err.println("polyboot: " + f.severity() + ": " + f.message());
        if (!r.ok()) {
            err.println("hint: verification failed; write the stick again or try another one");
        }
        err.flush();
        return r.ok() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
    }
}
