package dev.polyboot.cli;

import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.RemoveResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Delete a file (or an empty directory) from the data partition.",
        footer = {"%nExamples:", "  polyboot remove /dev/sdX /debian-12.iso", "  polyboot remove stick.img /linux/old.iso",
                ExitCodes.FOOTER})
final class RemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Parameters(index = "1", paramLabel = "PATH", description = "path on the data partition, e.g. /debian.iso")
    String path;

    @Option(names = "--json", description = "print JSON (schema: remove.schema.json in polyboot's core jar)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        RemoveResult r = Services.polyboot().remove(target, path, progress);
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.render(r) : "removed " + r.removed() + System.lineSeparator());
        out.flush();
        return ExitCodes.OK;
    }
}
