package dev.polyboot.core.device;

/** polyboot will not touch this target (safety rule); the message says why, the hint what to do. */
public final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public RefusedException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
