package dev.polyboot.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "polyboot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Multi-boot USB sticks: install once, copy ISO/IMG/EFI files onto the data partition,",
                "pick one from the boot menu on BIOS and UEFI PCs."},
        subcommands = {DevicesCommand.class, InstallCommand.class, UpdateCommand.class, InfoCommand.class, AddCommand.class,
                ListCommand.class, RemoveCommand.class, RefreshCommand.class, ConfigCommand.class, PersistenceCommand.class, KeysCommand.class, InspectCommand.class, VerifyCommand.class, TryCommand.class, DemoCommand.class, WebCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"%nExamples:",
                "  polyboot demo                              8 GiB demo image with memtest86+, iPXE, GRUB rescue",
                "  polyboot devices                           which disk is the USB stick (sdX)",
                "  polyboot install /dev/sdX                  make a USB stick a polyboot stick (asks first)",
                "  polyboot install stick.img --size 16G      the same on an image file",
                "  polyboot add /dev/sdX debian.iso           copy an image onto it (SHA-256 verified)",
                "  polyboot list /dev/sdX                     images in boot-menu order",
                "  polyboot inspect debian.iso                what an image is and how it would boot",
                "  polyboot refresh /dev/sdX                  catalogue images copied by hand",
                "  polyboot try stick.img --uefi              boot it in QEMU",
                "  polyboot help add                          the usage of one command",
                "  source <(polyboot generate-completion)     tab completion in bash and zsh",
                ExitCodes.FOOTER})
final class PolybootCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (devices, install, add, list, inspect, refresh, info, update, try, demo, ...)");
    }
}
