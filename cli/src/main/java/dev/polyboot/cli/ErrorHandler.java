package dev.polyboot.cli;

import dev.polyboot.core.PolybootFailure;


import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.VolumeFullException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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
        if (ex instanceof PolybootFailure f) {
            int code = switch (f.outcome()) {
                case REFUSED -> ExitCodes.REFUSED;
                case VERIFICATION_FAILED -> ExitCodes.VERIFY_FAILED;
                case FAILURE -> ExitCodes.FAILURE;
            };
            return new Report(f.getMessage(), f.hint(), code);
        }
        if (ex instanceof EntryExistsException) {
            return new Report(ex.getMessage(), "remove it first (polyboot remove) or use --to DIR", ExitCodes.FAILURE);
        }
        if (ex instanceof VolumeFullException) {
            return new Report(ex.getMessage(), "remove images (polyboot remove) or use a bigger stick", ExitCodes.FAILURE);
        }
        if (ex instanceof IllegalArgumentException) {
            return new Report(ex.getMessage(), "see --help for the arguments", ExitCodes.USAGE);
        }
        if (ex instanceof FormatException) {
            return new Report(ex.getMessage(), "the stick looks damaged; 'polyboot verify' tells more", ExitCodes.FAILURE);
        }
        if (ex instanceof NoSuchFileException || ex instanceof FileNotFoundException) {
            return new Report("no such file: " + ex.getMessage(), "check the path", ExitCodes.FAILURE);
        }
        if (ex instanceof AccessDeniedException) {
            return new Report("permission denied: " + ex.getMessage(), "writing to a disk needs root: sudo polyboot ...",
                    ExitCodes.FAILURE);
        }
        if (ex instanceof IOException) {
            return new Report(String.valueOf(ex.getMessage()), "--verbose (-v) shows the details", ExitCodes.FAILURE);
        }
        return new Report(ex.getClass().getSimpleName() + ": " + ex.getMessage(),
                "this is a bug in polyboot; --verbose (-v) shows the stack trace", ExitCodes.FAILURE);
    }
}
