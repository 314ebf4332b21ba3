package dev.polyboot.cli;

import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.VerifyResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--json", description = "print JSON (schema: verify.schema.json in polyboot's core jar)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        VerifyResult r = Services.polyboot().verify(target); // the bytes on the stick, not the page cache
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.render(r));
        } else {
            for (VerifyResult.Check f : r.findings()) out.printf("%-8s %s%n", f.severity(), f.message());
            out.println(r.ok() ? "stick OK" : "stick BROKEN");
        }
        out.flush();
        return r.ok() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
    }
}
