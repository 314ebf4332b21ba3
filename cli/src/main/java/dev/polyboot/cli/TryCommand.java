package dev.polyboot.cli;

import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.TryOutcome;
import dev.polyboot.core.api.TryPlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "try", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Boot a stick in QEMU (changes are not written back).",
                "", "The stick is a USB drive to SeaBIOS, or to OVMF with --uefi. Snapshot mode:",
                "nothing the virtual machine does is written to the stick. Opens a window when there is a",
                "display, otherwise the menu runs on this terminal (quit with Ctrl-A X)."},
        footer = {"%nExamples:", "  polyboot try demo/stick.img", "  polyboot try /dev/sdX --uefi --timeout 600",
                ExitCodes.FOOTER})
final class TryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = "--uefi", description = "boot with UEFI firmware (OVMF) instead of BIOS")
    boolean uefi;

    @Option(names = "--timeout", paramLabel = "S", description = "stop the virtual machine after S seconds")
    Integer timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Polyboot polyboot = Services.polyboot();
        TryPlan plan = polyboot.tryPlan(target, uefi, timeoutSeconds);
        PrintWriter err = spec.commandLine().getErr();
        if (plan.menuUnseen()) {
            err.println("polyboot: this stick shows its boot menu on the screen only and there is no display here"
                    + " ($DISPLAY/$WAYLAND_DISPLAY unset): this terminal stays empty until a booted system writes to the serial port");
            err.println("hint: to see the menu here, add the serial console with 'polyboot update " + target
                    + " --console both'; or run 'polyboot try' in a desktop session (ssh -X works)");
            err.flush();
        }
        TryOutcome r = polyboot.tryBoot(plan, note -> {
            err.println("polyboot: " + note);
            err.flush();
        });
        if (r.timedOut()) {
            err.println("polyboot: stopped the virtual machine after " + timeoutSeconds + " s");
            err.flush();
            return ExitCodes.OK;
        }
        return r.exitCode() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
