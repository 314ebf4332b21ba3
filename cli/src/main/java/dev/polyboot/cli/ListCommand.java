package dev.polyboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List the bootable images in boot-menu order.",
                "", "Exactly the order of the boot menu,",
                "with size and type."},
        footer = {"%nExamples:", "  polyboot list /dev/sdX", "  polyboot list stick.img --json", ExitCodes.FOOTER})
final class ListCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("list");
    }
}
