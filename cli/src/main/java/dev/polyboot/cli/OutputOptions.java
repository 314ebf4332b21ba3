package dev.polyboot.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -q/--quiet} and {@code -v/--verbose}, accepted by every command (picocli's inherited scope). The values live
 * here for the one command line being executed; {@link Main#commandLine} resets them.
 */
final class OutputOptions {
    private static boolean quiet;
    private static boolean verbose;

    static void reset() {
        quiet = false;
        verbose = false;
    }

    static boolean quiet() {
        return quiet;
    }

    static boolean verbose() {
        return verbose || "1".equals(System.getenv("POLYBOOT_DEBUG"));
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "no progress or notes on stderr; errors only")
    void setQuiet(boolean q) {
        quiet = q;
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "on failure, print the Java stack trace too")
    void setVerbose(boolean v) {
        verbose = v;
    }
}
