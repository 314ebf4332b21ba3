package dev.polyboot.cli;

/** An error the CLI reports as one line plus a hint, with a chosen exit code. */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;
    private final int exitCode;

    CliException(String message, String hint, int exitCode) {
        super(message);
        this.hint = hint;
        this.exitCode = exitCode;
    }

    static CliException notYetAvailable(String what) {
        return new CliException(what + " is not yet available in this build",
                "it lands with the parts of polyboot it needs; see 'polyboot --help' for what works", ExitCodes.FAILURE);
    }

    String hint() {
        return hint;
    }

    int exitCode() {
        return exitCode;
    }
}
