package dev.polyboot.cli;

/** polyboot's exit codes (also listed in every --help footer and in the README). */
final class ExitCodes {
    private ExitCodes() {}

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int VERIFY_FAILED = 4;

    static final String FOOTER = """

            Exit codes:
              0  success
              1  failure (I/O error, unreadable stick, missing tool)
              2  usage error (unknown option, bad argument)
              3  refused for safety (system disk, mounted, partition, fixed disk, already polyboot, no confirmation)
              4  verification failed (the stick read back differs from what was written)""";
}
