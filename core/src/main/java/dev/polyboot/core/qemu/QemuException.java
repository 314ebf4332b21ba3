package dev.polyboot.core.qemu;

import java.io.IOException;

/** QEMU could not be started, died, or did not show what was awaited. The message says why. */
public class QemuException extends IOException {
    private static final long serialVersionUID = 1L;

    public QemuException(String message) {
        super(message);
    }

    public QemuException(String message, Throwable cause) {
        super(message, cause);
    }
}
