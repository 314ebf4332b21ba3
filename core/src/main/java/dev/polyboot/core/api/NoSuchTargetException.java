package dev.polyboot.core.api;

import dev.polyboot.core.PolybootFailure;
import java.io.IOException;

/** The TARGET or FILE named does not exist (and the command does not create it); the hint says what would. */
public final class NoSuchTargetException extends IOException implements PolybootFailure {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public NoSuchTargetException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    @Override
    public String hint() {
        return hint == null ? "" : hint;
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILURE;
    }
}
