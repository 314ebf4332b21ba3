package dev.polyboot.cli;

import dev.polyboot.core.install.Finding;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.install.VerifyReport;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.io.BlockDevice;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a polyboot stick back and check it.",
                "", "Partition table, both file systems, boot code, boot partition files against the payload",
                "manifest's SHA-256. Exit code 4 when something is broken."},
        footer = {"%nExamples:", "  polyboot verify /dev/sdX", "  polyboot verify stick.img", ExitCodes.FOOTER})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Override
    public Integer call() throws Exception {
        Target t = Services.existing(target);
        Services.guard().checkDataAccess(t);
        PrintWriter out = spec.commandLine().getOut();
        try (BlockDevice dev = TargetResolver.openUncached(t)) { // the bytes on the stick, not the page cache
            VerifyReport r = new StickVerifier(Services.clock()).verify(dev, Payload.load());
            for (Finding f : r.findings()) out.printf("%-8s %s%n", f.severity().name().toLowerCase(Locale.ROOT), f.message());
            out.println(r.ok() ? "stick OK" : "stick BROKEN");
            out.flush();
            return r.ok() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
        }
    }
}
