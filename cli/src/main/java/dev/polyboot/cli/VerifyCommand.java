package dev.polyboot.cli;

import dev.polyboot.core.images.FilesReport;
import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.install.Finding;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.install.VerifyReport;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.io.BlockDevice;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a polyboot stick back and check it.",
                "", "Partition table, both file systems, boot code, boot partition files against the payload",
                "manifest's SHA-256, the data partition's consistency. With --full every file is read back",
                "(page cache bypassed) and compared with the SHA-256 add recorded. Exit code 4 when something is broken."},
        footer = {"%nExamples:", "  polyboot verify /dev/sdX", "  polyboot verify stick.img", ExitCodes.FOOTER})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @picocli.CommandLine.Option(names = "--full", description = {"also read every file of the data partition back from the",
            "stick and compare each image add copied with the SHA-256 it recorded"})
    boolean full;

    private boolean verifyFiles(Target t, PrintWriter out) throws Exception {
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        FilesReport files;
        try {
            files = new ImageLibrary(Services.guard(), Services.clock()).verifyFiles(t, progress);
        } catch (java.io.IOException e) {
            progress.finish();
            out.printf("corrupt  data partition files could not be read back: %s%n", e.getMessage());
            return false;
        }
        progress.finish();
        for (FilesReport.FileCheck f : files.files()) {
            switch (f.status()) {
                case DIFFERS -> out.printf("corrupt  %s differs from what add copied: %s%n", f.path(), f.detail());
                case UNREADABLE -> out.printf("corrupt  %s unreadable: %s%n", f.path(), f.detail());
                default -> { }
            }
        }
        out.printf("%-8s data partition read back: %d files, %s in %s; %d match what add recorded, %d without a recorded hash%n",
                files.ok() ? "ok" : "corrupt", files.files().size(), dev.polyboot.core.layout.Sizes.human(files.bytesRead()),
                TerminalProgress.duration(files.nanos() / 1e9), files.count(FilesReport.Status.OK),
                files.count(FilesReport.Status.NOT_RECORDED));
        return files.ok();
    }

    @Override
    public Integer call() throws Exception {
        Target t = Services.existing(target);
        Services.guard().checkDataAccess(t);
        PrintWriter out = spec.commandLine().getOut();
        try (BlockDevice dev = TargetResolver.openUncached(t)) { // the bytes on the stick, not the page cache
            VerifyReport r = new StickVerifier(Services.clock()).verify(dev, Payload.load());
            for (Finding f : r.findings()) out.printf("%-8s %s%n", f.severity().name().toLowerCase(Locale.ROOT), f.message());
            boolean ok = r.ok();
            if (full) ok &= verifyFiles(t, out);
            out.println(ok ? "stick OK" : "stick BROKEN");
            out.flush();
            return ok ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
        }
    }
}
