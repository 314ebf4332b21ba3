package dev.polyboot.cli;

import dev.polyboot.core.qemu.Display;
import dev.polyboot.core.qemu.Firmware;
import dev.polyboot.core.qemu.QemuOptions;
import dev.polyboot.core.qemu.QemuRunner;
import dev.polyboot.core.qemu.QemuTimeoutException;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
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

    /** Where the stick's menu shows (screen, serial, both), or null when that cannot be read. */
    private static String menuConsole(Target t) {
        try (BlockDevice dev = TargetResolver.open(t, true)) {
            return new StickInspector(Services.clock()).inspect(dev).console();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Integer call() throws Exception {
        Target t = Services.resolver().resolve(target);
        if (t instanceof Target.ImageFile && !Files.isRegularFile(t.path())) {
            throw new CliException("no such image: " + t.path(), "create one with 'polyboot install " + t.path()
                    + " --size 8G' or 'polyboot demo'", ExitCodes.FAILURE);
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) throw new IllegalArgumentException("--timeout must be positive");
        QemuOptions o = QemuOptions.of(t.path(), uefi ? Firmware.UEFI : Firmware.BIOS).withDisplay(Display.GUI)
                .withSnapshot(true);
        if (timeoutSeconds != null) o = o.withTimeout(Duration.ofSeconds(timeoutSeconds));
        PrintWriter err = spec.commandLine().getErr();
        QemuRunner runner = QemuRunner.detect();
        if (!runner.host().graphicalSession() && "screen".equals(menuConsole(t))) {
            err.println("polyboot: this stick shows its boot menu on the screen only and there is no display here"
                    + " ($DISPLAY/$WAYLAND_DISPLAY unset): this terminal stays empty until a booted system writes to the serial port");
            err.println("hint: to see the menu here, add the serial console with 'polyboot update " + t.path()
                    + " --console both'; or run 'polyboot try' in a desktop session (ssh -X works)");
            err.flush();
        }
        try {
            int rc = runner.runInteractive(o, note -> {
                err.println("polyboot: " + note);
                err.flush();
            });
            return rc == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (QemuTimeoutException e) {
            // --timeout asked for exactly this
            err.println("polyboot: stopped the virtual machine after " + timeoutSeconds + " s");
            err.flush();
            return ExitCodes.OK;
        }
    }
}
