package dev.polyboot.core.api;

import dev.polyboot.core.PolybootFailure;

import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.VolumeFullException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * What an exception of an operation means to a person: one sentence, one hint, and which kind of failure (the CLI
 * maps kinds to exit codes, the web UI to responses). One place, so both front ends say the same.
 */
public record Failure(Kind kind, String message, String hint) {

    public enum Kind {
        /** A safety rule refused the target (or nobody confirmed). */
        REFUSED,
        /** The caller's mistake: a bad argument. */
        USAGE,
        /** The stick read back differs from what was written. */
        VERIFY_FAILED,
        /** I/O, unreadable stick, missing tool. */
        FAILED,
        /** Nothing polyboot expected: a bug. */
        BUG
    }

    public static Failure of(Throwable ex) {
        if (ex instanceof PolybootFailure f) {
            Kind kind = switch (f.outcome()) {
                case REFUSED -> Kind.REFUSED;
                case VERIFICATION_FAILED -> Kind.VERIFY_FAILED;
                case FAILURE -> Kind.FAILED;
            };
            return new Failure(kind, f.getMessage(), f.hint());
        }
        if (ex instanceof EntryExistsException) {
            return new Failure(Kind.FAILED, ex.getMessage(), "remove it first (polyboot remove) or use --to DIR");
        }
        if (ex instanceof VolumeFullException) {
            return new Failure(Kind.FAILED, ex.getMessage(), "remove images (polyboot remove) or use a bigger stick");
        }
        if (ex instanceof IllegalArgumentException) return new Failure(Kind.USAGE, ex.getMessage(), "see --help for the arguments");
        if (ex instanceof FormatException) {
            return new Failure(Kind.FAILED, ex.getMessage(), "the stick looks damaged; 'polyboot verify' tells more");
        }
        if (ex instanceof NoSuchFileException || ex instanceof FileNotFoundException) {
            return new Failure(Kind.FAILED, "no such file: " + ex.getMessage(), "check the path");
        }
        if (ex instanceof AccessDeniedException) {
            return new Failure(Kind.FAILED, "permission denied: " + ex.getMessage(), "writing to a disk needs root: sudo polyboot ...");
        }
        if (ex instanceof IOException) return new Failure(Kind.FAILED, String.valueOf(ex.getMessage()), "--verbose (-v) shows the details");
        return new Failure(Kind.BUG, ex.getClass().getSimpleName() + ": " + ex.getMessage(),
                "this is a bug in polyboot; --verbose (-v) shows the stack trace");
    }
}
