package dev.polyboot.core.qemu;

/** Awaited console output did not appear in time; the message carries the tail of what did. */
public class QemuTimeoutException extends QemuException {
    private static final long serialVersionUID = 1L;

    public QemuTimeoutException(String message) {
        super(message);
    }
}
