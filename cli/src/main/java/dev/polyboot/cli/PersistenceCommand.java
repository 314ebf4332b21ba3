package dev.polyboot.cli;

import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.PersistenceFile;
import dev.polyboot.core.api.PersistenceList;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "persistence", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Persistence files: a live system that keeps its files and settings across reboots.",
                "", "create makes a file on the data partition holding an ext4 file system laid out as the image's",
                "family expects (Debian live: label persistence + persistence.conf '/ union'; Ubuntu casper: casper-rw;",
                "dracut: an overlay directory; Arch: a cow device) and binds it to the image. The boot menu then offers",
                "the image 'with persistence' (the default) and 'without persistence'. At boot polyboot's initramfs",
                "helper maps the file read-write only after checking it is the file create made (a replaced file",
                "boots without persistence, with a message). Bindings: /.polyboot/bindings.json on the data partition."},
        subcommands = {PersistenceCommand.Create.class, PersistenceCommand.ListFiles.class, PersistenceCommand.Remove.class},
        footer = {"%nExamples:", "  polyboot persistence create /dev/sdX --for /debian-live.iso --size 4G",
                "  polyboot persistence list stick.img", "  polyboot persistence remove stick.img --for /debian-live.iso",
                ExitCodes.FOOTER})
final class PersistenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create, list or remove");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Make a persistence file for a catalogued image and bind it to the image.",
                    "", "The file is written whole (fully allocated, contiguous when the partition has room in one piece);",
                    "images whose family cannot persist are refused with the reason."},
            footer = {"%nExamples:", "  polyboot persistence create /dev/sdX --for /debian-live.iso",
                    "  polyboot persistence create stick.img --for /live/debian.iso --size 1G --name /persistence/lab.dat",
                    ExitCodes.FOOTER})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Option(names = "--for", required = true, paramLabel = "IMAGE", description = "the image's path on the data partition")
        String image;

        @Option(names = "--size", paramLabel = "SIZE", description = "file size (4G default; 512M, 1G, bytes; at least 32M)")
        String size;

        @Option(names = "--name", paramLabel = "FILE", description = "the file's path on the data partition (default /persistence/IMAGE-NAME.dat)")
        String name;

        @Option(names = "--json", description = "print JSON (schema: persistence.schema.json in polyboot's core jar)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
            PersistenceList r = Services.polyboot().persistenceCreate(target, image, size, name, progress);
            progress.finish();
            print(spec.commandLine().getOut(), r, json, "created ");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Show every image's persistence file: size, family, label, and whether file and image are still there.",
            footer = {"%nExamples:", "  polyboot persistence list /dev/sdX --json", ExitCodes.FOOTER})
    static final class ListFiles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Option(names = "--json", description = "print JSON (schema: persistence.schema.json in polyboot's core jar)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
            PersistenceList r = Services.polyboot().persistenceList(target, progress);
            progress.finish();
            PrintWriter out = spec.commandLine().getOut();
            if (!json && r.files().isEmpty()) {
                out.println("no persistence files on " + r.target());
                out.flush();
                return ExitCodes.OK;
            }
            print(out, r, json, "");
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Unbind an image's persistence file and delete it (--keep-file keeps the file).",
            footer = {"%nExamples:", "  polyboot persistence remove /dev/sdX --for /debian-live.iso", ExitCodes.FOOTER})
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
        String target;

        @Option(names = "--for", required = true, paramLabel = "IMAGE", description = "the image's path on the data partition")
        String image;

        @Option(names = "--keep-file", description = "leave the file on the data partition")
        boolean keepFile;

        @Option(names = "--json", description = "print JSON (schema: persistence.schema.json in polyboot's core jar)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
            PersistenceList r = Services.polyboot().persistenceRemove(target, image, keepFile, progress);
            progress.finish();
            print(spec.commandLine().getOut(), r, json, keepFile ? "unbound (file kept) " : "removed ");
            return ExitCodes.OK;
        }
    }

    static void print(PrintWriter out, PersistenceList r, boolean json, String verb) {
        if (json) {
            out.print(Json.render(r));
        } else {
            for (PersistenceFile f : r.files()) {
                out.println(verb + f.file() + " for " + f.image());
                out.println(String.format(Locale.ROOT, "  %s, ext4 label %s, family %s%s", size(f.sizeBytes()), f.label(), f.family(),
                        f.bootTested() ? "" : " (not boot-tested yet)"));
                if (f.extents() != null) out.println("  " + (f.extents() == 1 ? "contiguous" : f.extents() + " extents (dm at boot)"));
                if (!f.fileExists()) out.println("  the file is missing: the menu's 'with persistence' entry boots without it");
                if (!f.imageCatalogued()) out.println("  the image is not catalogued: no persistence entries in the menu");
            }
        }
        out.flush();
    }

    private static String size(long b) {
        if (b >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MiB", b >> 20);
    }
}
