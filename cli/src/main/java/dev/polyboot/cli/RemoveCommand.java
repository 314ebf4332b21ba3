package dev.polyboot.cli;

import dev.polyboot.core.images.ImageLibrary;
import dev.polyboot.core.device.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Delete a file (or an empty directory) from the data partition.",
        footer = {"%nExamples:", "  polyboot remove /dev/sdX /debian-12.iso", "  polyboot remove stick.img /linux/old.iso",
                ExitCodes.FOOTER})
final class RemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "polyboot stick (/dev/sdX) or image file")
    String target;

    @Parameters(index = "1", paramLabel = "PATH", description = "path on the data partition, e.g. /debian.iso")
    String path;

    @Override
    public Integer call() throws Exception {
        Target t = Services.existing(target);
        String p = path.startsWith("/") ? path : "/" + path;
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        new ImageLibrary(Services.guard(), Services.clock(), dev.polyboot.core.install.PolybootVersion.get()).remove(t, p, progress);
        progress.finish();
        spec.commandLine().getOut().println("removed " + p);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
