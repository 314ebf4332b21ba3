package dev.polyboot.cli;

import dev.polyboot.core.api.Confirmation;
import dev.polyboot.core.api.MenuConsole;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.UpdateOutcome;
import dev.polyboot.core.api.UpdatePlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "update", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Refresh the boot environment of a polyboot stick, keeping its data.",
                "", "Rewrites the boot code (first 440 bytes of LBA 0 and core.img) and the boot partition;",
                "keeps the partition table and disk identity, never touches your files on the data partition.",
                "", "A stick without Secure Boot is set up for it (as install does; --no-secure-boot keeps it as it is):",
                "shim and GRUB signed with your key go onto the boot partition (your keys are made on this computer if",
                "missing), and its images are approved (signatures under /.polyboot on the data partition)."},
        footer = {"%nExamples:", "  polyboot update /dev/sdX", "  polyboot update stick.img --yes", ExitCodes.FOOTER})
final class UpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--console", paramLabel = "screen|serial|both",
            description = "where the boot menu shows from now on (default: what the stick has)")
    MenuConsole console;

    @Option(names = "--no-secure-boot", description = "leave a stick without Secure Boot as it is (a stick with it keeps it)")
    boolean noSecureBoot;

    @Override
    public Integer call() throws Exception {
        Polyboot polyboot = Services.polyboot();
        UpdatePlan plan = polyboot.updatePlan(target, console, !noSecureBoot);
        if (plan.refused()) throw plan.refusals().get(0).exception();
        Confirmation confirmed = plan.confirmationNeeded() && !yes ? ConfirmationPrompt.eraseDisk(plan.description(), "updating")
                : Confirmation.of(plan.description());
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        UpdateOutcome r = polyboot.update(plan, confirmed, progress);
        progress.finish();
        out.printf("updated %s: polyboot %s -> %s%n", r.path(),
                r.previousVersion() == null ? "(unknown: the boot partition was damaged)" : r.previousVersion(), r.newVersion());
        out.printf("  boot payload %s -> %s, menu on %s; %s%n", r.previousPayload(), r.newPayload(), r.console(),
                r.secureBootSetUp() == null ? "data partition untouched"
                        : "your files untouched (their Secure Boot approvals were written under /.polyboot)");
        if (r.secureBootSetUp() != null) InstallCommand.secureBoot(out, r.secureBootSetUp());
        out.flush();
        return Reports.exitCode(r.verification(), spec.commandLine().getErr());
    }
}
