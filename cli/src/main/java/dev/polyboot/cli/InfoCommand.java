package dev.polyboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Describe a stick: layout, sizes, free space, installed version.",
                "", "Whether TARGET is a polyboot stick, partition style and layout, sizes,",
                "free space on the data partition, installed polyboot version and boot payload."},
        footer = {"%nExamples:", "  polyboot info /dev/sdX", "  polyboot info stick.img --json", ExitCodes.FOOTER})
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "disk (/dev/sdX) or image file")
    String target;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("info");
    }
}
