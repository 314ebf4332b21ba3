package dev.polyboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Refresh the boot environment of a polyboot stick, keeping its data.",
                "", "Rewrites the boot",
                "code and the boot partition, keeps the disk identity and never writes the data partition."},
        footer = {"%nExamples:", "  polyboot update /dev/sdX", "  polyboot update stick.img --yes", ExitCodes.FOOTER})
final class UpdateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = "--yes", description = "do not ask for confirmation")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("update");
    }
}
