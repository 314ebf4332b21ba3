package dev.polyboot.core.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How QEMU executes guest code: hardware KVM, or the TCG emulator. */
public enum Accelerator {
    KVM(List.of("-accel", "kvm", "-cpu", "host")),
    // thread=multi: one host thread per vCPU; "max" gives the guest every feature TCG can emulate.
    TCG(List.of("-accel", "tcg,thread=multi", "-cpu", "max"));

    private static final Pattern VIRT_FLAG = Pattern.compile("^flags\\s*:.*\\b(vmx|svm)\\b", Pattern.MULTILINE);

    private final List<String> arguments;

    Accelerator(List<String> arguments) {
        this.arguments = arguments;
    }

    List<String> arguments() {
        return arguments;
    }

    /**
     * KVM only when it is real hardware virtualisation: /dev/kvm readable and writable, the CPU
     * advertises vmx or svm in /proc/cpuinfo, the kvm_intel or kvm_amd module is loaded, and no
     * kvm_pvm module is present. kvm_pvm is a paravirtual KVM for nested guests without VMX/SVM;
     * under it OVMF and boot loaders crawl or die (DESIGN §6), so TCG is the faster choice there.
     *
     * @param root file-system root to look under ("/" on a real host; a fake tree in tests)
     */
    public static Accelerator detect(Path root) {
        Path kvm = root.resolve("dev/kvm");
        if (!Files.exists(kvm) || !Files.isReadable(kvm) || !Files.isWritable(kvm)) return TCG;
        Path modules = root.resolve("sys/module");
        if (Files.exists(modules.resolve("kvm_pvm"))) return TCG;
        if (!Files.exists(modules.resolve("kvm_intel")) && !Files.exists(modules.resolve("kvm_amd"))) return TCG;
        try {
            String cpuinfo = Files.readString(root.resolve("proc/cpuinfo"));
            return VIRT_FLAG.matcher(cpuinfo).find() ? KVM : TCG;
        } catch (IOException | RuntimeException e) {
            return TCG; // unreadable or undecodable cpuinfo: assume nothing about the CPU
        }
    }

    /** {@code "kvm"} or {@code "tcg"} (case-insensitive) as given in POLYBOOT_QEMU_ACCEL. */
    static Accelerator parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown QEMU accelerator '" + name + "' (expected kvm or tcg)", e);
        }
    }
}
