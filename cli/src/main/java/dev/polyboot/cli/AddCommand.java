package dev.polyboot.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Copy image files onto the data partition, SHA-256 verified.",
                "", "Works without mounting;",
                "if the data partition is mounted the copy goes through the mount point. A file appears under",
                "its name only after it was read back and verified."},
        footer = {"%nExamples:", "  polyboot add /dev/sdX debian-12.iso", "  polyboot add stick.img *.iso --to /linux",
                ExitCodes.FOOTER})
final class AddCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "files to copy")
    List<Path> files;

    @Option(names = "--to", paramLabel = "DIR", defaultValue = "/", description = "directory on the data partition (default: ${DEFAULT-VALUE})")
    String toDir;

    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("add");
    }
}
