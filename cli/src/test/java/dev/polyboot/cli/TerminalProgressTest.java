package dev.polyboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void barLine() {
        assertThat(TerminalProgress.line("copying a.iso", 1L << 29, 1L << 30, 2_000_000_000L))
                .isEqualTo("copying a.iso [###############...............]  50% 512.0 MiB/1.0 GiB 256.0 MiB/s");
        assertThat(TerminalProgress.line("flushing", 0, 0, 0)).isEqualTo("flushing...");
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
