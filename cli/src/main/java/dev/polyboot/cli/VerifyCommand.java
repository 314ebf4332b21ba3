package dev.polyboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a polyboot stick back and check it.",
                "", "Partition table, both file systems, boot code,",
                "boot partition files against the payload manifest's SHA-256."},
        footer = {"%nExamples:", "  polyboot verify /dev/sdX", "  polyboot verify stick.img", ExitCodes.FOOTER})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("verify");
    }
}
