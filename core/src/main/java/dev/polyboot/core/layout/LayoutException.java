package dev.polyboot.core.layout;

import dev.polyboot.core.PolybootFailure;

/** The request cannot be turned into a stick layout (too small, 4Kn, bad label, ...). */
public final class LayoutException extends Exception implements PolybootFailure {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public LayoutException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** What the user can do about it. */
    @Override
    public String hint() {
        return hint == null ? "" : hint;
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILURE;
    }
}
