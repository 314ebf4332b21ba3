package dev.polyboot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polyboot.core.install.StickInfo;
import dev.polyboot.core.install.StickInspector;
import dev.polyboot.core.install.VolumeSummary;
import dev.polyboot.core.layout.Sizes;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.part.PartitionInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Describe a stick: layout, sizes, free space, installed version.",
                "", "Whether TARGET is a polyboot stick, partition style and layout, sizes, free space on the",
                "data partition, installed polyboot version and boot payload."},
        footer = {"%nExamples:", "  polyboot info /dev/sdX", "  polyboot info stick.img --json", ExitCodes.FOOTER})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "disk (/dev/sdX) or image file")
    String target;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Target t = Services.existing(target);
        StickInfo info;
        try (BlockDevice dev = TargetResolver.open(t, true)) {
            info = new StickInspector(Services.clock()).inspect(dev);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info));
        } else {
            out.print(text(t, info));
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String text(Target t, StickInfo i) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s: %s (%s, %s, %d-byte sectors%s)%n", t.path(),
                i.polyboot() ? "polyboot stick" : "not a polyboot stick", i.style(), Sizes.human(i.diskBytes()),
                i.sectorSize(), i.diskId() == null ? "" : ", disk id " + i.diskId()));
        if (i.polybootVersion() != null) {
            b.append(String.format("  polyboot %s, boot payload %s, menu on %s%n", i.polybootVersion(),
                    i.payloadVersion(), i.console()));
        }
        if (i.polyboot()) b.append(SecureBootText.infoLine(i));
        for (PartitionInfo p : i.partitions()) {
            b.append(String.format("  partition %d: start %d, %s, type %s%s%n", p.number(), p.startByte(),
                    Sizes.human(p.sizeBytes()), p.mbrType() >= 0 ? String.format("0x%02X", p.mbrType()) : p.gptType(),
                    p.name() == null || p.name().isEmpty() ? "" : " \"" + p.name() + "\""));
        }
        volume(b, "data", i.data());
        volume(b, "boot", i.boot());
        for (String p : i.problems()) b.append("  note: ").append(p).append(System.lineSeparator());
        return b.toString();
    }

    private static void volume(StringBuilder b, String role, VolumeSummary v) {
        if (v == null) return;
        b.append(String.format("  %s: %s \"%s\", %s, %s free%n", role, v.fileSystem(), v.label(), Sizes.human(v.totalBytes()),
                Sizes.human(v.freeBytes())));
    }
}
