package dev.polyboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Delete a file from the data partition.",
        footer = {"%nExamples:", "  polyboot remove /dev/sdX /debian-12.iso", "  polyboot remove stick.img /linux/old.iso",
                ExitCodes.FOOTER})
final class RemoveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Parameters(index = "1", paramLabel = "PATH", description = "path on the data partition, e.g. /debian.iso")
    String path;

    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("remove");
    }
}
