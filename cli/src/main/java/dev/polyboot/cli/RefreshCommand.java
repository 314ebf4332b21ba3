package dev.polyboot.cli;

import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.install.PolybootVersion;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.Target;
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

    @Override
    public Integer call() throws Exception {
        Target t = Services.existing(target);
        if (t instanceof Target.Device && !yes) confirm(t);
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        Catalog c = new ImageLibrary(Services.guard(), Services.clock(), PolybootVersion.get()).refresh(t, progress);
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        for (CatalogEntry e : c.entries()) {
            out.printf("%-40s %s [%s]%n", e.path(), e.title(), e.family() == null ? "-" : e.family());
            ReportText.warnings(e.notes(), out);
        }
        out.printf("catalogue: %d image%s%n", c.entries().size(), c.entries().size() == 1 ? "" : "s");
        out.flush();
        return ExitCodes.OK;
    }

    private static void confirm(Target t) throws RefusedException {
        Console c = System.console();
        if (c == null) throw new RefusedException("no terminal to confirm writing the catalogue to " + t.path(), "add --yes in a script");
        String yes = c.readLine("Rewrite the boot menu catalogue on %s? Type yes: ", t.path());
        if (yes == null || !yes.trim().equals("yes")) throw new RefusedException("not confirmed", "type yes to go ahead, or use --yes");
    }
}
