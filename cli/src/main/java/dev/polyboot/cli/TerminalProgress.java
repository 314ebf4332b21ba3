package dev.polyboot.cli;

import dev.polyboot.core.layout.Sizes;
import dev.polyboot.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws "phase [#####.....] 42% 1.2 GiB/2.9 GiB 85.3 MiB/s" on one terminal line (carriage return, at most
 * ten redraws a second). Without a terminal it prints nothing but the phase names.
 */
final class TerminalProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean terminal;
    private String phase = "";
    private long phaseStart;
    private long lastDraw;

    TerminalProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A bar on stderr when stdin/stdout are a terminal (System.console() is non-null). */
    static TerminalProgress forStderr(PrintWriter err) {
        return new TerminalProgress(err, System.console() != null);
    }

    @Override
    public void progress(String p, long done, long total) {
        long now = System.nanoTime();
        boolean newPhase = !p.equals(phase);
        if (newPhase) {
            if (terminal && !phase.isEmpty()) err.println();
            phase = p;
            phaseStart = now;
            lastDraw = 0;
            if (!terminal) {
                err.println(p + "...");
                err.flush();
            }
        }
        if (!terminal) return;
        boolean finished = total > 0 && done >= total;
        if (!newPhase && !finished && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        err.print("\r" + line(p, done, total, now - phaseStart) + "\u001b[K");
        err.flush();
    }

    /** One "warning: ..." line on stderr, after the bar's line if one is drawn. */
    @Override
    public void warning(String message) {
        if (terminal && !phase.isEmpty()) err.println();
        phase = "";
        err.println("warning: " + message);
        err.flush();
    }

    void finish() {
        if (terminal && !phase.isEmpty()) {
            err.println();
            err.flush();
        }
        phase = "";
    }

    static String line(String phase, long done, long total, long elapsedNanos) {
        if (total <= 0) return phase + "...";
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        double seconds = elapsedNanos / 1e9;
        String rate = seconds > 0.2 ? " " + Sizes.human((long) (done / seconds)) + "/s" : "";
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s%s", phase, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done * 100 / total, Sizes.human(done), Sizes.human(total), rate);
    }
}
