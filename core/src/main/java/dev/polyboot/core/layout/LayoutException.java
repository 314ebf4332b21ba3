package dev.polyboot.core.layout;

/** The request cannot be turned into a stick layout (too small, 4Kn, bad label, ...). */
public final class LayoutException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public LayoutException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** What the user can do about it. */
    public String hint() {
        return hint;
    }
}
