package dev.polyboot.cli;

import dev.polyboot.core.api.Failure;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns every exception a command throws into one line "polyboot: ..." plus a hint line, and an exit code.
 * Stack traces only with --verbose (or POLYBOOT_DEBUG=1): users need the sentence, developers the trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Report r = report(ex);
        err.println(cmd.getColorScheme().errorText("polyboot: " + r.message));
        if (r.hint != null && !r.hint.isBlank()) err.println("hint: " + r.hint);
        if (OutputOptions.verbose()) ex.printStackTrace(err);
        err.flush();
        return r.exitCode;
    }

    @Override
    public int getExitCode(Throwable ex) {
        return report(ex).exitCode;
    }

    private record Report(String message, String hint, int exitCode) {}

    private static Report report(Throwable ex) {
        if (ex instanceof CliException c) return new Report(c.getMessage(), c.hint(), c.exitCode());
        Failure f = Failure.of(ex);
        int code = switch (f.kind()) {
            case REFUSED -> ExitCodes.REFUSED;
            case USAGE -> ExitCodes.USAGE;
            case VERIFY_FAILED -> ExitCodes.VERIFY_FAILED;
            case FAILED, BUG -> ExitCodes.FAILURE;
        };
        return new Report(f.message(), f.hint(), code);
    }
}
