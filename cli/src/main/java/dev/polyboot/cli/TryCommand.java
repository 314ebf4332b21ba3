package dev.polyboot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "try", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Boot a stick in QEMU (changes are not written back).",
                "", "The stick is a USB drive to SeaBIOS, or to OVMF with --uefi. Snapshot mode:",
                "nothing the virtual machine does is written to the stick."},
        footer = {"%nExamples:", "  polyboot try demo/stick.img", "  polyboot try /dev/sdX --uefi --timeout 600",
                ExitCodes.FOOTER})
final class TryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = "--uefi", description = "boot with UEFI firmware (OVMF) instead of BIOS")
    boolean uefi;

    @Option(names = "--timeout", paramLabel = "S", description = "stop the virtual machine after S seconds")
    Integer timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        throw CliException.notYetAvailable("try");
    }
}
