package dev.polyboot.core.api;

import java.io.IOException;

/** The TARGET or FILE named does not exist (and the command does not create it); the hint says what would. */
public final class NoSuchTargetException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public NoSuchTargetException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
