package dev.polyboot.cli;

import dev.polyboot.core.boot.Console;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.core.boot.MenuOptions;
import dev.polyboot.core.install.PolybootVersion;
import dev.polyboot.core.install.CapacityProbe;
import dev.polyboot.core.install.StickInstaller;
import dev.polyboot.core.install.StickVerifier;
import dev.polyboot.core.install.VerifyReport;
import dev.polyboot.core.layout.InstallRequest;
import dev.polyboot.core.layout.LayoutJson;
import dev.polyboot.core.layout.LayoutText;
import dev.polyboot.core.layout.PartitionStyle;
import dev.polyboot.core.layout.Sizes;
import dev.polyboot.core.layout.StickLayout;
import dev.polyboot.core.layout.StickLayoutPlanner;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.secureboot.SecureBootStick;
import dev.polyboot.core.secureboot.UserKeys;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.io.BlockDevice;
import java.io.PrintWriter;
import java.time.Clock;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Erase TARGET and make it a polyboot stick.",
                "", "Creates an exFAT data partition 1 for your images, a",
                "64 MiB FAT16 boot partition 2 (PBOOT) at the end, GRUB boot code for BIOS and UEFI.",
                "UEFI Secure Boot: shim and a GRUB signed with your own key (made on first use; see README).",
                "TARGET is a whole disk (/dev/sdX) or an image file. Asks twice before erasing a disk."},
        footer = {"%nExamples:",
                "  polyboot install /dev/sdX                   MBR stick, asks before erasing",
                "  polyboot install /dev/sdX --gpt --yes       GPT, no questions (scripts)",
                "  polyboot install stick.img --size 8G        create an 8 GiB sparse image",
                "  polyboot install stick.img --size 8G --dry-run --json   print the plan only",
                ExitCodes.FOOTER})
final class InstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "whole disk (/dev/sdX) or image file")
    String target;

    @Option(names = "--size", paramLabel = "SIZE", description = "create the image file with this size (8G, 512M, bytes)")
    String size;

    @Option(names = "--gpt", description = "GPT partition table instead of MBR (needed above 2 TiB)")
    boolean gpt;

    @Option(names = "--reserve", paramLabel = "MIB", defaultValue = "0",
            description = "leave MIB mebibytes unpartitioned at the end (default: ${DEFAULT-VALUE})")
    long reserveMib;

    @Option(names = "--label", paramLabel = "NAME", defaultValue = InstallRequest.DEFAULT_DATA_LABEL,
            description = "label of the data partition (default: ${DEFAULT-VALUE})")
    String label;

    @Option(names = "--console", paramLabel = "screen|serial|both", defaultValue = "screen",
            description = "where the boot menu shows (default: ${DEFAULT-VALUE})")
    Console console;

    @Option(names = "--no-secure-boot", description = "no shim and signed GRUB: the stick then boots only with Secure Boot off (or BIOS)")
    boolean noSecureBoot;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = {"-f", "--force"}, description = "also erase a non-removable disk, a loop device, an existing polyboot stick or non-empty image")
    boolean force;

    @Option(names = {"-n", "--dry-run"}, description = "print the plan and write nothing")
    boolean dryRun;

    @Option(names = "--json", description = "with --dry-run: print the plan as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (json && !dryRun) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--json needs --dry-run (install prints its plan as JSON; the result of a real install is text)");
        }
        if (reserveMib < 0) throw new IllegalArgumentException("--reserve must not be negative");
        Target t = Services.resolver().resolve(target);
        long diskBytes;
        int sectorSize;
        if (t instanceof Target.Device d) {
            diskBytes = d.node().sizeBytes();
            sectorSize = d.node().sectorSize();
        } else if (size != null) {
            diskBytes = Sizes.parse(size);
            sectorSize = 512;
        } else if (Files.exists(t.path())) {
            diskBytes = Files.size(t.path());
            sectorSize = 512;
        } else {
            throw new IllegalArgumentException(t.path() + " does not exist; give --size to create it (e.g. --size 8G)");
        }
        InstallRequest req = new InstallRequest(diskBytes, sectorSize, gpt ? PartitionStyle.GPT : PartitionStyle.MBR,
                Math.multiplyExact(reserveMib, StickLayoutPlanner.MIB), label, new SecureRandom());
        StickLayout layout = StickLayoutPlanner.plan(req);
        if (dryRun) {
            spec.commandLine().getOut().print(json ? LayoutJson.render(layout) : LayoutText.render(layout));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        Services.guard().checkInstall(t, size != null, force, Services.probe());
        if (t instanceof Target.Device d && !yes) Confirmation.eraseDisk(d, "erasing", Services.nowOn(d));
        Payload payload = Payload.load();
        MenuOptions menu = MenuOptions.defaults(PolybootVersion.get()).withConsole(console);
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = TerminalProgress.forStderr(spec.commandLine().getErr());
        Clock clock = Services.clock();
        // Secure Boot (issue 12): the user's keys and the signed GRUB are made before anything is written
        UserKeys keys = noSecureBoot ? null : SecureBootText.keys();
        Map<String, byte[]> bootFiles = keys == null ? EspContents.files(payload, menu) : SecureBootStick.bootFiles(keys, payload, menu);
        try (BlockDevice dev = t instanceof Target.ImageFile image && size != null
                ? TargetResolver.createImage(image, diskBytes) : TargetResolver.open(t, false)) {
            try (BlockDevice back = TargetResolver.openUncached(t)) {
                progress.phase("checking the capacity", 0);
                CapacityProbe.check(dev, back, new SecureRandom().nextLong());
            }
            new StickInstaller(clock).apply(layout, dev, payload, bootFiles, progress);
            progress.finish();
            VerifyReport report;
            try (BlockDevice back = TargetResolver.openUncached(t)) {
                report = new StickVerifier(clock).verify(back, payload);
            }
            out.printf("polyboot %s installed on %s (%s, %s)%n", PolybootVersion.get(), t.path(), layout.style(),
                    Sizes.human(layout.diskBytes()));
            out.printf("  data  partition 1: exFAT \"%s\", %s%n", layout.data().fsLabel(), Sizes.human(layout.data().sizeBytes()));
            out.printf("  boot  partition 2: FAT16 \"%s\", %s, %s%n", layout.boot().fsLabel(),
                    Sizes.human(layout.boot().sizeBytes()), payload.version());
            out.printf("next: polyboot add %s FILE.iso   (or copy images onto the %s partition)%n", t.path(),
                    layout.data().fsLabel());
            SecureBootText.afterInstall(out, keys);
            out.flush();
            return Reports.exitCode(report, spec.commandLine().getErr());
        }
    }
}
