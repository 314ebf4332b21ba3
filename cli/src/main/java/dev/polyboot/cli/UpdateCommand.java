package dev.polyboot.cli;

import dev.polyboot.core.boot.Console;

import dev.polyboot.core.install.PolybootVersion;
import dev.polyboot.core.install.StickUpdater;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.install.UpdateResult;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.device.StickLock;
import dev.polyboot.core.device.StickLocks;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.io.BlockDevice;
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
                "keeps the partition table and disk identity, never writes the data partition."},
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
    Console console;

    @Override
    public Integer call() throws Exception {
        Target t = Services.existing(target);
        Services.guard().checkUpdate(t);
        if (t instanceof Target.Device d && !yes) Confirmation.eraseDisk(d, "updating", Services.nowOn(d));
        Payload payload = Payload.load();
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        try (StickLock lock = StickLocks.system().exclusive(t, "update"); BlockDevice dev = TargetResolver.open(t, false)) {
            UpdateResult r = new StickUpdater(Services.clock()).update(dev, payload, console, PolybootVersion.get(), progress);
            progress.finish();
            out.printf("updated %s: polyboot %s -> %s%n", t.path(),
                    r.previousVersion() == null ? "(unknown: the boot partition was damaged)" : r.previousVersion(), r.newVersion());
            out.printf("  boot payload %s -> %s, menu on %s; data partition untouched%n", r.previousPayload(),
                    r.newPayload(), r.console());
            out.flush();
            return Reports.exitCode(new StickVerifier(Services.clock()).verify(dev, payload), spec.commandLine().getErr());
        }
    }
}
