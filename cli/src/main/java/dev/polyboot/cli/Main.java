package dev.polyboot.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the polyboot command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line and returns its exit code (tests call this instead of main). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /** A usage error is one line and a hint, not the whole help page. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("polyboot: " + ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("hint: " + cmd.getCommandSpec().qualifiedName() + " --help shows the usage");
        err.flush();
        return ExitCodes.USAGE;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        OutputOptions.reset();
        // protected Secure Boot keys (keys init --passphrase): asked on the terminal when a command first signs
        dev.polyboot.core.api.Polyboot.keyPassphrasePrompt(Secrets::keyPassphrase);
        ErrorHandler errors = new ErrorHandler();
        CommandLine cl = new CommandLine(new PolybootCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        cl.setParameterExceptionHandler(Main::usageError);
        return cl;
    }
}
