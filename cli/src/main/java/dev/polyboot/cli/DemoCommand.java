package dev.polyboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Make demo/stick.img with polyboot and Debian's boot images.",
                "", "Creates demo/stick.img (8 GiB sparse) in the current directory, installs polyboot on it",
                "(menu on screen and serial), add the boot images Debian ships (memtest86+, iPXE, GRUB rescue)",
                "and show how to boot it. Replaces an older demo image."},
        footer = {"%nExamples:", "  polyboot demo && polyboot try demo/stick.img --uefi", ExitCodes.FOOTER})
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("demo");
    }
}
