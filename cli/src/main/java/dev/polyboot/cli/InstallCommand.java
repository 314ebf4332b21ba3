package dev.polyboot.cli;

import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.api.Confirmation;
import dev.polyboot.core.api.InstallOptions;
import dev.polyboot.core.api.InstallPlan;
import dev.polyboot.core.api.InstallResult;
import dev.polyboot.core.api.MenuConsole;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.SecureBootSetup;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Erase TARGET and make it a polyboot stick.",
                "", "Creates an exFAT data partition 1 for your images, a",
                "64 MiB FAT16 boot partition 2 (PBOOT) at the end, GRUB boot code for BIOS and UEFI.",
                "TARGET is a whole disk (/dev/sdX) or an image file. Asks twice before erasing a disk.",
                "UEFI Secure Boot: shim and a GRUB signed with your own key (made on first use; see README)."},
        footer = {"%nExamples:",
                "  polyboot install /dev/sdX                   MBR stick, asks before erasing",
                "  polyboot install /dev/sdX --gpt --yes       GPT, no questions (scripts)",
                "  polyboot install stick.img --size 8G        create an 8 GiB sparse image",
                "  polyboot install stick.img --size 8G --dry-run --json   print the plan only",
                ExitCodes.FOOTER})
final class InstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "whole disk (/dev/sdX) or image file")
    String target;

    @Option(names = "--size", paramLabel = "SIZE", description = "create the image file with this size (8G, 512M, bytes)")
    String size;

    @Option(names = "--gpt", description = "GPT partition table instead of MBR (needed above 2 TiB)")
    boolean gpt;

    @Option(names = "--reserve", paramLabel = "MIB", defaultValue = "0",
            description = "leave MIB mebibytes unpartitioned at the end (default: ${DEFAULT-VALUE})")
    long reserveMib;

    @Option(names = "--label", paramLabel = "NAME", defaultValue = InstallOptions.DEFAULT_DATA_LABEL,
            description = "label of the data partition (default: ${DEFAULT-VALUE})")
    String label;

    @Option(names = "--console", paramLabel = "screen|serial|both", defaultValue = "screen",
            description = "where the boot menu shows (default: ${DEFAULT-VALUE})")
    MenuConsole console;

    @Option(names = "--no-secure-boot",
            description = "no shim and signed GRUB: the stick then boots only with Secure Boot off (or BIOS)")
    boolean noSecureBoot;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = {"-f", "--force"}, description = "also erase a non-removable disk, a loop device, an existing polyboot stick or non-empty image")
    boolean force;

    @Option(names = {"-n", "--dry-run"}, description = "print the plan and write nothing (refuses what the real run refuses)")
    boolean dryRun;

    @Option(names = "--json", description = "with --dry-run: print the plan as JSON")
    boolean json;

    static void secureBoot(PrintWriter out, SecureBootSetup sb) {
        if (sb == null) {
            out.println("Secure Boot: not set up (--no-secure-boot); switch Secure Boot off in the firmware to boot this stick.");
            return;
        }
        if (sb.keysCreated()) {
            out.printf("created your Secure Boot keys in %s (private: keep them there, they never go onto a stick)%n", sb.keysDirectory());
        }
        out.printf("Secure Boot: shim + polyboot's GRUB signed with your key %s%n", sb.certificateSubject());
        out.printf("  certificate sha256 %s%n", sb.certificateFingerprint());
        for (String line : sb.firstBootSteps()) out.println(line);
    }

    @Override
    public Integer call() throws Exception {
        if (json && !dryRun) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--json needs --dry-run (install prints its plan as JSON; the result of a real install is text)");
        }
        Polyboot polyboot = Services.polyboot();
        InstallPlan plan = polyboot.installPlan(new InstallOptions(target, size, gpt, reserveMib, label, console, force, !noSecureBoot));
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.print(json ? plan.json() : plan.layoutText());
            out.flush();
            if (plan.refused()) throw plan.refusals().get(0).exception(); // exactly what the real run refuses
            return ExitCodes.OK;
        }
        if (plan.refused()) throw plan.refusals().get(0).exception();
        Confirmation confirmed = plan.confirmationNeeded() && !yes ? ConfirmationPrompt.eraseDisk(plan.description(), "erasing")
                : Confirmation.of(plan.description());
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        InstallResult r = polyboot.install(plan, confirmed, progress);
        progress.finish();
        out.printf("polyboot %s installed on %s (%s, %s)%n", r.polybootVersion(), r.path(), r.style(), Bytes.human(r.diskBytes()));
        out.printf("  data  partition 1: exFAT \"%s\", %s%n", r.dataLabel(), Bytes.human(r.dataBytes()));
        out.printf("  boot  partition 2: FAT16 \"%s\", %s, %s%n", r.bootLabel(), Bytes.human(r.bootBytes()), r.payloadVersion());
        secureBoot(out, r.secureBoot());
        out.printf("next: polyboot add %s FILE.iso   (or copy images onto the %s partition)%n", r.path(), r.dataLabel());
        out.flush();
        return Reports.exitCode(r.verification(), spec.commandLine().getErr());
    }
}
