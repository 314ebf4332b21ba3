package dev.polyboot.core;

/**
 * The one family of core's exceptions: every exception core throws on purpose implements this, so a front end (the
 * CLI, the web page) shows the message, the hint and the outcome the same way without knowing each class. Checked
 * exceptions stay what they were (I/O failures are {@link java.io.IOException}s, refusals are not), the family is
 * this interface. {@code PolybootFailureTest} pins that every exception class in core's main code implements it.
 */
public interface PolybootFailure {
    /** How a command that failed this way ends (the CLI maps it to its exit code). */
    enum Outcome {
        /** It could not be done (I/O error, unreadable stick, missing tool, impossible layout). */
        FAILURE,
        /** polyboot would not do it: a safety rule or a check before writing. */
        REFUSED,
        /** It was written but did not read back as written. */
        VERIFICATION_FAILED
    }

    /** One sentence naming what went wrong (the exception's message). */
    String getMessage();

    /** What the user can do about it; never null. */
    String hint();

    Outcome outcome();
}
