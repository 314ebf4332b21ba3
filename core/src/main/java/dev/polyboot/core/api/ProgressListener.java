package dev.polyboot.core.api;

/**
 * The one progress listener, as front ends name it: {@link dev.polyboot.core.progress.ProgressListener} under the
 * API's package, so that a front end implements it without reaching into core's other packages. Every operation
 * of {@link Polyboot} reports through it (the CLI's bar, the web UI's stream).
 */
@FunctionalInterface
public interface ProgressListener extends dev.polyboot.core.progress.ProgressListener {
    ProgressListener NONE = (phase, done, total) -> {};
}
