package dev.polyboot.core.device;

import dev.polyboot.core.PolybootFailure;

/** polyboot will not touch this target (safety rule); the message says why, the hint what to do. */
public final class RefusedException extends Exception implements PolybootFailure {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public RefusedException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    @Override
    public String hint() {
        return hint == null ? "" : hint;
    }

    @Override
    public Outcome outcome() {
        return Outcome.REFUSED;
    }
}
