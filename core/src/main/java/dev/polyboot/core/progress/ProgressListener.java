package dev.polyboot.core.progress;

/**
 * Progress of a long operation (install, add, update, verify). One interface for every front end: the
 * CLI draws a bar from it, a web UI would stream it. Calls come from the working thread; implementations
 * must be quick and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores everything. */
    ProgressListener NONE = (phase, done, total) -> {};

    /**
     * @param phase     short human name of the current step ("formatting data partition", "copying debian.iso")
     * @param bytesDone bytes finished in this phase
     * @param bytesTotal bytes this phase will take, 0 when not known
     */
    void progress(String phase, long bytesDone, long bytesTotal);

    /**
     * Something the user should know that did not stop the operation ("catalog.json was unreadable and was rebuilt",
     * "removed a leftover partial copy"). The CLI prints it as a "warning:" line.
     */
    default void warning(String message) {}

    /** Announces a new phase with nothing done yet. */
    default void phase(String phase, long bytesTotal) {
        progress(phase, 0, bytesTotal);
    }
}
