package dev.polyboot.core.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One QEMU run of a stick image.
 *
 * @param stickImage raw image (or block device) attached as a USB stick
 * @param firmware BIOS (SeaBIOS) or UEFI (OVMF)
 * @param secureBoot UEFI only: OVMF with Secure Boot enforced and Microsoft keys enrolled
 * @param memoryMiB guest RAM
 * @param display where the screen goes
 * @param snapshot true: guest writes go to a throw-away overlay, the image is never modified
 * @param timeout QEMU is killed after this long (empty: no limit)
 * @param serialLog copy of everything the guest writes to its first serial port (empty: none)
 * @param extraSticks further images attached as USB sticks after the first (never booted from, always snapshot)
 * @param firmwareVars UEFI only: the OVMF variable store to start from instead of Debian's template (e.g. one with
 *                     a key enrolled through MokManager); the run works on a private copy either way
 */
public record QemuOptions(
        Path stickImage,
        Firmware firmware,
        boolean secureBoot,
        int memoryMiB,
        Display display,
        boolean snapshot,
        Optional<Duration> timeout,
        Optional<Path> serialLog,
        List<Path> extraSticks,
        Optional<Path> firmwareVars) {

    public static final int DEFAULT_MEMORY_MIB = 2048;

    public QemuOptions {
        Objects.requireNonNull(stickImage, "stickImage");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(serialLog, "serialLog");
        extraSticks = List.copyOf(extraSticks);
        Objects.requireNonNull(firmwareVars, "firmwareVars");
        if (firmwareVars.isPresent() && firmware != Firmware.UEFI) {
            throw new IllegalArgumentException("a firmware variable store needs UEFI firmware, got " + firmware);
        }
        if (memoryMiB < 16 || memoryMiB > 1 << 20) {
            throw new IllegalArgumentException("memoryMiB must be 16..1048576, got " + memoryMiB);
        }
        if (secureBoot && firmware != Firmware.UEFI) {
            throw new IllegalArgumentException("Secure Boot needs UEFI firmware, got " + firmware);
        }
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("timeout must be positive, got " + t);
        });
    }

    /** Defaults: no Secure Boot, 2048 MiB, no display, snapshot on, no timeout, no serial log. */
    public static QemuOptions of(Path stickImage, Firmware firmware) {
        return new QemuOptions(stickImage, firmware, false, DEFAULT_MEMORY_MIB, Display.NONE, true,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    public QemuOptions withSecureBoot(boolean on) {
        return new QemuOptions(stickImage, firmware, on, memoryMiB, display, snapshot, timeout, serialLog, extraSticks, firmwareVars);
    }

    public QemuOptions withMemoryMiB(int mib) {
        return new QemuOptions(stickImage, firmware, secureBoot, mib, display, snapshot, timeout, serialLog, extraSticks, firmwareVars);
    }

    public QemuOptions withDisplay(Display d) {
        return new QemuOptions(stickImage, firmware, secureBoot, memoryMiB, d, snapshot, timeout, serialLog, extraSticks, firmwareVars);
    }

    public QemuOptions withSnapshot(boolean on) {
        return new QemuOptions(stickImage, firmware, secureBoot, memoryMiB, display, on, timeout, serialLog, extraSticks, firmwareVars);
    }

    public QemuOptions withTimeout(Duration t) {
        return new QemuOptions(stickImage, firmware, secureBoot, memoryMiB, display, snapshot, Optional.of(t), serialLog, extraSticks, firmwareVars);
    }

    public QemuOptions withSerialLog(Path log) {
        return new QemuOptions(stickImage, firmware, secureBoot, memoryMiB, display, snapshot, timeout, Optional.of(log), extraSticks, firmwareVars);
    }

    public QemuOptions withFirmwareVars(Path vars) {
        return new QemuOptions(stickImage, firmware, secureBoot, memoryMiB, display, snapshot, timeout, serialLog, extraSticks,
                Optional.of(vars));
    }

    /** Also attaches {@code image} as a further USB stick (a copy of the stick: what the initramfs helper must refuse). */
    public QemuOptions withExtraStick(Path image) {
        List<Path> all = new java.util.ArrayList<>(extraSticks);
        all.add(image);
        return new QemuOptions(stickImage, firmware, secureBoot, memoryMiB, display, snapshot, timeout, serialLog, all, firmwareVars);
    }
}
