package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void barLine() {
        assertThat(TerminalProgress.line("copying a.iso", 1L << 29, 1L << 30, 2_000_000_000L))
                .isEqualTo("copying a.iso [###############...............]  50% 512.0 MiB/1.0 GiB 256.0 MiB/s ETA 0:02");
        assertThat(TerminalProgress.line("copying a.iso", 1L << 30, 1L << 30, 4_000_000_000L))
                .as("no ETA once done").endsWith("256.0 MiB/s");
        assertThat(TerminalProgress.line("flushing", 0, 0, 0)).isEqualTo("flushing...");
    }

    @Test
    void summaryAndClock() {
        assertThat(TerminalProgress.summary("copying a.iso", 1L << 30, 33_000_000_000L)).isEqualTo("copying a.iso: 1.0 GiB in 33 s (31.0 MiB/s)");
        assertThat(TerminalProgress.summary("verifying", 3L << 20, 400_000_000L)).isEqualTo("verifying: 3.0 MiB in 0.4 s (7.5 MiB/s)");
        assertThat(TerminalProgress.clock(7)).isEqualTo("0:07");
        assertThat(TerminalProgress.clock(3723)).isEqualTo("1:02:03");
        assertThat(TerminalProgress.duration(125)).isEqualTo("2 min 5 s");
    }

    @Test
    void aPhaseThatMovedDataEndsWithItsSummary() {
        StringWriter w = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(w), false);
        p.progress("copying a.iso", 0, 4L << 20);
        p.progress("copying a.iso", 4L << 20, 4L << 20);
        p.progress("flushing", 0, 0);
        p.finish();
        assertThat(w.toString().lines()).hasSize(3).element(1).asString().matches("copying a\\.iso: 4\\.0 MiB in .* \\(.*/s\\)");
    }

    @Test
    void quietPrintsNothing() {
        StringWriter w = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(w), true, true);
        p.progress("copying a.iso", 0, 4L << 20);
        p.progress("copying a.iso", 4L << 20, 4L << 20);
        p.finish();
        assertThat(w.toString()).isEmpty();
    }

    @Test
    void withoutTerminalOnlyPhaseNames() {
        StringWriter w = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(w), false);
        p.progress("copying a.iso", 0, 100);
        p.progress("copying a.iso", 50, 100);
        p.progress("verifying a.iso", 100, 100);
        p.finish();
        assertThat(w.toString().lines()).containsExactly("copying a.iso...", "verifying a.iso...");
        // (100 bytes: too little for a summary line)
    }

    @Test
    void terminalRedrawsOneLine() {
        StringWriter w = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(w), true);
        p.progress("copying a.iso", 0, 100);
        p.progress("copying a.iso", 100, 100);
        p.finish();
        assertThat(w.toString()).startsWith("\rcopying a.iso [").contains("100%").endsWith(System.lineSeparator());
    }
}
