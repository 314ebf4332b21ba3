package dev.polyboot.cli;

import dev.polyboot.core.api.Inspection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Tell what an image file is and how the boot menu would boot it.",
                "", "Works on any file on this computer; no stick needed. Reads only headers and a few small",
                "files of the image: type, volume id, family, distribution, architecture, the image's own boot",
                "loaders (BIOS/UEFI), and the boot recipe polyboot chooses with the reason."},
        footer = {"%nExamples:", "  polyboot inspect debian-live-12.iso", "  polyboot inspect ~/Downloads/*.iso",
                "  polyboot inspect memtest86+x64.iso --json", ExitCodes.FOOTER})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "image files (.iso, .img, .efi, .wim, .vhd, .vhdx, ...)")
    java.util.List<Path> files;

    @Option(names = "--json", description = "print JSON (one object, or an array for several files)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Inspection r = Services.polyboot().inspect(files);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? r.json() : r.text());
        out.flush();
        return ExitCodes.OK;
    }
}
