package dev.polyboot.core.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A planned QEMU start: the argument list and what the runner has to prepare for it.
 *
 * @param command program and arguments, for ProcessBuilder
 * @param display the display actually used (GUI falls back to TERMINAL without a graphical session)
 * @param notes things to tell the user (fallbacks taken)
 * @param workDirectory private temp directory of this run (OVMF variables copy, QMP socket)
 * @param firmwareVarsTemplate UEFI only: the OVMF variable store copied into the work directory
 */
public record QemuLaunch(
        List<String> command, Display display, List<String> notes, Path workDirectory, Optional<Path> firmwareVarsTemplate) {

    static final String VARS_COPY = "OVMF_VARS.fd";
    static final String QMP_SOCKET = "qmp.sock";

    public QemuLaunch {
        command = List.copyOf(command);
        notes = List.copyOf(notes);
    }

    public Path qmpSocket() {
        return workDirectory.resolve(QMP_SOCKET);
    }

    Path varsCopy() {
        return workDirectory.resolve(VARS_COPY);
    }
}
