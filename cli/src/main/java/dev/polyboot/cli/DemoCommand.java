package dev.polyboot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Make demo/stick.img with polyboot and Debian's boot images.",
                "", "Creates demo/stick.img (8 GiB sparse) in the current directory, installs polyboot on it",
                "(menu on screen and serial), adds the boot images Debian ships (memtest86+, iPXE, GRUB rescue)",
                "and shows how to boot it. Replaces an older demo image."},
        footer = {"%nExamples:", "  polyboot demo && polyboot try demo/stick.img --uefi", ExitCodes.FOOTER})
final class DemoCommand implements Callable<Integer> {
    /** Boot images from Debian packages (memtest86+, ipxe, grub-rescue-pc). */
    static final List<Path> DEBIAN_IMAGES = List.of(
            Path.of("/usr/lib/memtest86+/memtest86+x64.iso"),
            Path.of("/usr/lib/ipxe/ipxe.iso"),
            Path.of("/usr/lib/grub-rescue/grub-rescue-cdrom.iso"));
    static final Path IMAGE = Path.of("demo", "stick.img");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(IMAGE.getParent());
        Files.deleteIfExists(IMAGE);
        CommandLine root = Main.commandLine(out, err);
        int rc = root.execute("install", IMAGE.toString(), "--size", "8G", "--console", "both");
        if (rc != ExitCodes.OK) return rc;
        List<String> add = new ArrayList<>(List.of("add", IMAGE.toString()));
        for (Path p : DEBIAN_IMAGES) {
            if (Files.isRegularFile(p)) {
                add.add(p.toString());
            } else {
                out.println("note: " + p + " is missing, skipped (apt-get install memtest86+ ipxe grub-rescue-pc)");
            }
        }
        if (add.size() > 2) {
            rc = root.execute(add.toArray(String[]::new));
            if (rc != ExitCodes.OK) return rc;
        }
        out.println();
        rc = root.execute("list", IMAGE.toString());
        if (rc != ExitCodes.OK) return rc;
        out.printf("%nBoot it:%n");
        out.printf("  ./polyboot try %s            (BIOS; add --uefi for UEFI)%n", IMAGE);
        out.printf("  qemu-system-x86_64 -accel tcg -machine q35 -m 2048 -drive if=none,id=stick,format=raw,file=%s,snapshot=on"
                + " -device qemu-xhci -device usb-storage,drive=stick,bootindex=1 -serial stdio%n", IMAGE);
        out.printf("  or write it to a USB stick: sudo dd if=%s of=/dev/sdX bs=4M conv=fsync status=progress%n", IMAGE);
        out.printf("     (or better: polyboot install /dev/sdX, then polyboot add /dev/sdX FILE.iso)%n");
        out.flush();
        return ExitCodes.OK;
    }
}
