package dev.polyboot.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polyboot.core.catalog.ImageClassifier;
import dev.polyboot.core.catalog.ImageReport;
import java.io.PrintWriter;
import java.nio.file.Files;
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
        PrintWriter out = spec.commandLine().getOut();
        java.util.List<ImageReport> reports = new java.util.ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new CliException("no such file: " + f, "give the path of an image file, e.g. polyboot inspect debian.iso",
                        ExitCodes.FAILURE);
            }
            reports.add(ImageClassifier.classify(f));
        }
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL);
            out.println(m.writeValueAsString(reports.size() == 1 ? reports.get(0) : reports));
        } else {
            for (int i = 0; i < reports.size(); i++) {
                if (i > 0) out.println();
                ReportText.print(reports.get(i), out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
