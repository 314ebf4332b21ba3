package dev.polyboot.core.qemu;

import dev.polyboot.core.PolybootFailure;
import java.io.IOException;

/** QEMU could not be started, died, or did not show what was awaited. The message says why. */
public class QemuException extends IOException implements PolybootFailure {
    private static final long serialVersionUID = 1L;

    public QemuException(String message) {
        super(message);
    }

    public QemuException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String hint() {
        return "polyboot try needs qemu-system-x86 and ovmf (apt-get install qemu-system-x86 ovmf)";
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILURE;
    }
}
