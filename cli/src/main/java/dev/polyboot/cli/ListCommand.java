package dev.polyboot.cli;

import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.api.ImageEntry;
import dev.polyboot.core.api.ImageList;
import dev.polyboot.core.api.PersistenceFile;
import dev.polyboot.core.api.ImageReportText;
import dev.polyboot.core.api.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List the bootable images in boot-menu order.",
                "", "Exactly the entries and order of the boot menu, with size, type, boot family and the modes",
                "(BIOS, UEFI) the catalogued recipe boots in. Catalogued images come first, sorted by path; files",
                "not in the catalogue follow in the menu's scan order ('polyboot refresh' catalogues them).",
                "", "Route: how the image boots. loop / dm: polyboot's initramfs helper makes the ISO file a block",
                "device (dm: the file is fragmented); by-path: the helper finds the file by its path at boot;",
                "iso-file: the distribution's own start-up code must read exFAT; loopback-cfg: the ISO's own",
                "menu; program: chainloader (UEFI) / memdisk (BIOS); message: not bootable yet; scan: not catalogued."},
        footer = {"%nExamples:", "  polyboot list /dev/sdX", "  polyboot list stick.img --json", ExitCodes.FOOTER})
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TerminalProgress warnings = TerminalProgress.forStderr(spec.commandLine().getErr());
        ImageList list = Services.polyboot().list(target, warnings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.render(list));
        } else if (list.images().isEmpty()) {
            out.println("no bootable images yet: polyboot add " + list.target() + " FILE.iso");
        } else {
            out.printf("%3s  %10s  %-4s  %-16s  %-11s  %-12s  %s%n", "#", "size", "type", "family", "boots", "route", "path / title");
            int n = 1;
            boolean changed = false;
            for (ImageEntry i : list.images()) {
                String family = i.catalogued() ? (i.family() == null ? "-" : i.family()) : "(scan)";
                String boots = i.catalogued() ? (i.modes().isEmpty() ? "no" : ImageReportText.modeNames(i.modes())) : "?";
                out.printf("%3d  %10s  %-4s  %-16s  %-11s  %-12s  %s%s%n", n++, Bytes.human(i.sizeBytes()), i.kind(),
                        family, boots, i.route(), i.path(), i.catalogued() ? "  \"" + i.menuTitle() + "\"" : "");
                if (ImageEntry.CHANGED.equals(i.route())) changed = true;
                for (PersistenceFile p : list.persistence()) {
                    if (!p.image().equals(i.path())) continue;
                    out.printf("%3s  %10s  persistence %s (%s)%s%n", "", Bytes.human(p.sizeBytes()), p.file(), p.label(),
                            p.fileExists() ? ": menu entries with and without persistence" : ": the file is missing");
                }
            }
            if (changed) {
                out.println("route " + ImageEntry.CHANGED + ": the file is gone or changed since it was added; choosing it in the menu says so."
                        + " Run: polyboot refresh " + list.target());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
