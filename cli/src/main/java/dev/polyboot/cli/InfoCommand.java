package dev.polyboot.cli;

import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.StickReport;
import java.io.PrintWriter;
import java.util.Locale;
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
        StickReport info = Services.polyboot().info(target);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.render(info) : text(info));
        out.flush();
        return ExitCodes.OK;
    }

    static String text(StickReport i) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s: %s (%s, %s, %d-byte sectors%s)%n", i.target(),
                i.polyboot() ? "polyboot stick" : "not a polyboot stick", i.style().toUpperCase(Locale.ROOT), Bytes.human(i.sizeBytes()),
                i.sectorSize(), i.diskId() == null ? "" : ", disk id " + i.diskId()));
        if (i.polybootVersion() != null) {
            b.append(String.format("  polyboot %s, boot payload %s, menu on %s%n", i.polybootVersion(),
                    i.payloadVersion(), i.console()));
        }
        for (StickReport.Partition p : i.partitions()) {
            b.append(String.format("  partition %d: start %d, %s, type %s%s%n", p.number(), p.startBytes(),
                    Bytes.human(p.sizeBytes()), p.mbrType() != null ? String.format("0x%02X", p.mbrType()) : p.gptType(),
                    p.name() == null || p.name().isEmpty() ? "" : " \"" + p.name() + "\""));
        }
        volume(b, "data", i.data());
        volume(b, "boot", i.boot());
        if (i.polyboot()) b.append(secureBoot(i.secureBoot()));
        for (String p : i.problems()) b.append("  note: ").append(p).append(System.lineSeparator());
        return b.toString();
    }

    private static String secureBoot(StickReport.SecureBoot sb) {
        if (!sb.capable()) return String.format("  secure boot: no (boots with Secure Boot off; 'polyboot install' sets it up)%n");
        return String.format("  secure boot: yes, shim + GRUB signed by %s%n    certificate sha256 %s%n    OpenPGP key %s%n",
                sb.certificateSubject() == null ? "(unreadable certificate)" : sb.certificateSubject(),
                sb.certificateFingerprint(), sb.openPgpFingerprint() == null ? "(not recorded)" : sb.openPgpFingerprint());
    }

    private static void volume(StringBuilder b, String role, StickReport.Volume v) {
        if (v == null) return;
        b.append(String.format("  %s: %s \"%s\", %s, %s free%n", role, v.fileSystem().toUpperCase(Locale.ROOT), v.label(),
                Bytes.human(v.sizeBytes()), Bytes.human(v.freeBytes())));
    }
}
