package dev.polyboot.cli;

import dev.polyboot.core.api.CataloguedImage;
import dev.polyboot.core.api.Confirmation;
import dev.polyboot.core.api.ImageReportText;
import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.Polyboot;
import dev.polyboot.core.api.RefreshResult;
import dev.polyboot.core.api.TargetDescription;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "refresh", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Classify every image on the data partition and rewrite the boot menu's catalogue.",
                "", "For files copied by hand (file manager, cp): afterwards the menu shows them with readable",
                "titles and family-specific boot recipes. Entries whose file is gone are dropped. Only the",
                "catalogue (/.polyboot on the data partition) is written; images are read, never changed."},
        footer = {"%nExamples:", "  polyboot refresh /dev/sdX", "  polyboot refresh stick.img --yes", ExitCodes.FOOTER})
final class RefreshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = {"-y", "--yes"}, description = "do not ask before writing to a device")
    boolean yes;

    @Option(names = "--json", description = "print JSON (schema: refresh.schema.json in polyboot's core jar)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Polyboot polyboot = Services.polyboot();
        TargetDescription t = polyboot.describe(target);
        Confirmation confirmed = t.disk() && !yes ? confirm(t) : Confirmation.of(t);
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        RefreshResult c = polyboot.refresh(target, confirmed, progress);
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.render(c));
        } else {
            for (CataloguedImage e : c.images()) {
                out.printf("%-40s %s [%s]%n", e.image().path(), e.title(), e.image().family() == null ? "-" : e.image().family());
                ImageReportText.warnings(e.notes(), out);
            }
            out.printf("catalogue: %d image%s%n", c.images().size(), c.images().size() == 1 ? "" : "s");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Confirmation confirm(TargetDescription t) throws CliException {
        Console c = System.console();
        if (c == null) {
            throw new CliException("no terminal to confirm writing the catalogue to " + t.path(), "add --yes in a script",
                    ExitCodes.REFUSED);
        }
        String yes = c.readLine("Rewrite the boot menu catalogue on %s? Type yes: ", t.path());
        if (yes == null || !yes.trim().equals("yes")) throw new CliException("not confirmed", "type yes to go ahead, or use --yes", ExitCodes.REFUSED);
        return Confirmation.of(t);
    }
}
