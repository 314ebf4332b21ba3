package dev.polyboot.cli;

import dev.polyboot.core.api.Bytes;
import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.VerifyResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a polyboot stick back and check it.",
                "", "Partition table, both file systems (exFAT: bitmap vs tree, cross-links, both boot regions), boot",
                "code, boot partition files against the payload manifest's SHA-256, all read past the page cache.",
                "With --full every file of the data partition is read back too and each image compared with the",
                "SHA-256 add recorded. Exit code 4 when something is broken."},
        footer = {"%nExamples:", "  polyboot verify /dev/sdX", "  polyboot verify stick.img --full", ExitCodes.FOOTER})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Option(names = "--full", description = {"also read every file of the data partition back from the",
            "stick and compare each image add copied with the SHA-256 it recorded"})
    boolean full;

    @Option(names = "--json", description = "print JSON (schema: verify.schema.json in polyboot's core jar)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        VerifyResult r = Services.polyboot().verify(target, full, progress); // the bytes on the stick, not the page cache
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.render(r));
        } else {
            for (VerifyResult.Check f : r.findings()) out.printf("%-8s %s%n", f.severity(), f.message());
            if (r.files() != null) printFiles(r.files(), out);
            out.println(r.ok() ? "stick OK" : "stick BROKEN");
        }
        out.flush();
        return r.ok() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
    }

    private static void printFiles(VerifyResult.Files files, PrintWriter out) {
        if (!files.readable()) {
            out.printf("corrupt  data partition files could not be read back: %s%n", files.error());
            return;
        }
        for (VerifyResult.FileProblem p : files.problems()) {
            out.printf("corrupt  %s %s: %s%n", p.path(), p.status().equals("differs") ? "differs from what add copied" : "unreadable",
                    p.detail());
        }
        out.printf("%-8s data partition read back: %d files, %s in %s; %d match what add recorded, %d without a recorded hash%n",
                files.ok() ? "ok" : "corrupt", files.count(), Bytes.human(files.bytesRead()),
                TerminalProgress.duration(files.seconds()), files.matching(), files.notRecorded());
    }
}
