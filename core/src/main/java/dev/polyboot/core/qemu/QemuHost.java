package dev.polyboot.core.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What this machine offers for running QEMU: the emulator binary, the OVMF firmware directory,
 * the accelerator to use, and whether a graphical session exists for a window.
 *
 * @param qemuBinary path of qemu-system-x86_64
 * @param ovmfDirectory where OVMF_CODE_4M.fd and friends live (Debian: /usr/share/OVMF)
 * @param accelerator KVM or TCG
 * @param graphicalSession true when $DISPLAY or $WAYLAND_DISPLAY is set
 */
public record QemuHost(Path qemuBinary, Path ovmfDirectory, Accelerator accelerator, boolean graphicalSession) {
    static final String QEMU_BINARY = "qemu-system-x86_64";
    static final String QEMU_PACKAGE = "qemu-system-x86";
    static final String OVMF_PACKAGE = "ovmf";
    public static final Path DEBIAN_OVMF_DIRECTORY = Path.of("/usr/share/OVMF");
    /** Overrides the accelerator heuristic: "kvm" or "tcg". */
    public static final String ACCELERATOR_VARIABLE = "POLYBOOT_QEMU_ACCEL";

    public QemuHost {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(ovmfDirectory, "ovmfDirectory");
        Objects.requireNonNull(accelerator, "accelerator");
    }

    /** This machine, from PATH, /usr/share/OVMF, /dev/kvm + /proc + /sys and the environment. */
    public static QemuHost detect() throws QemuException {
        return detect(System.getenv(), Path.of("/"));
    }

    static QemuHost detect(Map<String, String> env, Path root) throws QemuException {
        Path qemu = findOnPath(QEMU_BINARY, env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        if (qemu == null) {
            throw new QemuException(QEMU_BINARY + " not found on PATH; install the Debian package "
                    + QEMU_PACKAGE + " (apt-get install " + QEMU_PACKAGE + ")");
        }
        String forced = env.get(ACCELERATOR_VARIABLE);
        Accelerator accel = forced == null || forced.isBlank() ? Accelerator.detect(root) : Accelerator.parse(forced);
        boolean graphical = isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"));
        return new QemuHost(qemu, DEBIAN_OVMF_DIRECTORY, accel, graphical);
    }

    /** The OVMF file {@code name}, or a message naming the Debian package when it is missing. */
    Path ovmfFile(String name) throws QemuException {
        Path file = ovmfDirectory.resolve(name);
        if (!Files.isReadable(file)) {
            throw new QemuException("UEFI firmware " + file + " not found; install the Debian package "
                    + OVMF_PACKAGE + " (apt-get install " + OVMF_PACKAGE + ")");
        }
        return file;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    static Path findOnPath(String name, String path) {
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
