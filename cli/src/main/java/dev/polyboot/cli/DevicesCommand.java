package dev.polyboot.cli;

import dev.polyboot.core.api.DeviceList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "devices", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List the disks you could make a polyboot stick: removable and USB disks.",
                "", "For each disk: device, size, how it is attached (usb, sata, nvme, mmc, loop, ...), vendor and",
                "model, and what it holds now: polyboot (with its version), Ventoy (with its version), nothing, or",
                "its partitions with size, file system and label. Nothing is written; reading file systems and",
                "labels needs read access to the devices (root), sizes and partitions come from sysfs without it.",
                "", "The disk holding the running system, fixed disks and loop devices are hidden; --all shows them",
                "too, each with the reason it is hidden (holds the running system, not removable, loop device).",
                "Optical drives, RAM disks, device-mapper and md devices are never listed."},
        footer = {"%nExamples:", "  polyboot devices", "  polyboot devices --all --json", ExitCodes.FOOTER})
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print JSON (schema: devices.schema.json in polyboot's core jar)")
    boolean json;

    @Option(names = "--all", description = "also list system disks, fixed disks and loop devices, with why they are hidden")
    boolean all;

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "read DIR/sys, DIR/dev and DIR/proc instead of the running system's (as lsblk --sysroot)")
    Path sysroot;

    @Override
    public Integer call() throws Exception {
        DeviceList devices = Services.polyboot().devices(sysroot);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? devices.json(all) : devices.text(all));
        out.flush();
        return ExitCodes.OK;
    }
}
