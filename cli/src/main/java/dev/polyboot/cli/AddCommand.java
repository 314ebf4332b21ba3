package dev.polyboot.cli;

import dev.polyboot.core.api.AddOutcome;
import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.api.ImageReportText;
import dev.polyboot.core.api.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "add", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Copy image files onto the data partition, SHA-256 verified.",
                "", "Works without mounting; if the data partition is mounted the copy goes through the mount",
                "point. A file gets its name only after it was read back and verified, so a half-written copy",
                "never looks complete (nor shows in the boot menu).",
                "", "All files are checked before anything is written (exFAT names, not on the stick yet, space,",
                "bootable image unless --force); each verified file is catalogued at once, so a later failure",
                "keeps the earlier ones."},
        footer = {"%nExamples:", "  polyboot add /dev/sdX debian-12.iso", "  polyboot add stick.img *.iso --to /linux",
                ExitCodes.FOOTER})
final class AddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "files to copy")
    List<Path> files;

    @Option(names = "--to", paramLabel = "DIR", defaultValue = "/", description = "directory on the data partition (default: ${DEFAULT-VALUE})")
    String toDir;

    @Option(names = {"-f", "--force"}, description = "also copy files that are not bootable images (empty, unknown type)")
    boolean force;

    @Option(names = "--json", description = "print JSON (schema: add.schema.json in polyboot's core jar)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        AddOutcome result = Services.polyboot().add(target, files, toDir, force, progress);
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.render(result));
        } else {
            for (AddOutcome.Added a : result.added()) {
                out.printf("added %s (%s, sha256 %s)%s%n", a.image().path(), Bytes.human(a.image().sizeBytes()), a.sha256(),
                        a.viaMount() ? " via the mounted partition" : "");
                if (a.catalogue() != null) {
                    out.printf("  menu: %s - %s%n", a.catalogue().title(), a.catalogue().reason());
                    ImageReportText.warnings(a.catalogue().notes(), out);
                }
            }
        }
        out.flush();
        if (result.complete()) return ExitCodes.OK;
        PrintWriter err = spec.commandLine().getErr();
        for (AddOutcome.NotAdded f : result.notAdded()) err.printf("polyboot: not added: %s: %s%n", f.source(), f.reason());
        err.printf("hint: %d of %d files were added and catalogued; add the others again once the cause is fixed%n",
                result.added().size(), files.size());
        err.flush();
        return result.notAdded().stream().anyMatch(AddOutcome.NotAdded::verificationFailed) ? ExitCodes.VERIFY_FAILED : ExitCodes.FAILURE;
    }
}
