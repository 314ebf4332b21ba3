package dev.polyboot.cli;

import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.api.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws "phase [#####.....] 42% 1.2 GiB/2.9 GiB 85.3 MiB/s ETA 0:14" on one line of stderr (carriage return, at most
 * ten redraws a second) when stderr is a terminal; otherwise it prints only the phase names. A phase that moved at
 * least {@value #SUMMARY_BYTES} bytes ends with a line "phase: 1.0 GiB in 33 s (31.0 MiB/s)". {@code --quiet} prints
 * nothing.
 */
final class TerminalProgress implements ProgressListener {
    private static final int WIDTH = 30;
    static final long SUMMARY_BYTES = 1L << 20;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private String phase = "";
    private long phaseStart;
    private long lastDraw;
    private long lastDone;
    private long lastTotal;

    TerminalProgress(PrintWriter err, boolean terminal) {
        this(err, terminal, false);
    }

    TerminalProgress(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /** A bar on stderr when stderr is a terminal; silent with --quiet. */
    static TerminalProgress forStderr(PrintWriter err) {
        return new TerminalProgress(err, stderrIsTerminal(), OutputOptions.quiet());
    }

    /** isatty(2), as Linux shows it: fd 2 links to a terminal device. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    @Override
    public void progress(String p, long done, long total) {
        if (quiet) return;
        long now = System.nanoTime();
        boolean newPhase = !p.equals(phase);
        if (newPhase) {
            endPhase(now);
            phase = p;
            phaseStart = now;
            lastDraw = 0;
            if (!terminal) {
                err.println(p + "...");
                err.flush();
            }
        }
        lastDone = done;
        lastTotal = total;
        if (!terminal) return;
        boolean finished = total > 0 && done >= total;
        if (!newPhase && !finished && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        err.print("\r" + line(p, done, total, now - phaseStart) + "\u001b[K");
        err.flush();
    }

    /** Ends the bar's line and, for a phase that moved data, prints its summary. */
    private void endPhase(long now) {
        if (phase.isEmpty()) return;
        if (terminal) err.println();
        if (lastTotal >= SUMMARY_BYTES && lastDone >= lastTotal) err.println(summary(phase, lastDone, now - phaseStart));
        err.flush();
    }

    /** One "warning: ..." line on stderr (also with --quiet), after the bar's line if one is drawn. */
    @Override
    public void warning(String message) {
        if (terminal && !phase.isEmpty()) err.println();
        phase = "";
        err.println("warning: " + message);
        err.flush();
    }

    void finish() {
        if (!quiet) endPhase(System.nanoTime());
        phase = "";
        lastDone = 0;
        lastTotal = 0;
    }

    static String summary(String phase, long bytes, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        return String.format(Locale.ROOT, "%s: %s in %s (%s/s)", phase, Bytes.human(bytes), duration(seconds),
                Bytes.human((long) (bytes / seconds)));
    }

    static String line(String phase, long done, long total, long elapsedNanos) {
        if (total <= 0) return phase + "...";
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        double seconds = elapsedNanos / 1e9;
        String rate = "";
        if (seconds > 0.2 && done > 0) {
            double perSecond = done / seconds;
            rate = " " + Bytes.human((long) perSecond) + "/s";
            if (done < total) rate += " ETA " + clock((long) Math.ceil((total - done) / perSecond));
        }
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s%s", phase, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done * 100 / total, Bytes.human(done), Bytes.human(total), rate);
    }

    /** "0:07", "12:30", "1:02:03". */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** "0.4 s", "33 s", "2 min 5 s". */
    static String duration(double seconds) {
        if (seconds < 10) return String.format(Locale.ROOT, "%.1f s", seconds);
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
