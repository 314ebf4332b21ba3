package dev.polyboot.core.secureboot;

import dev.polyboot.core.PolybootFailure;
import java.io.IOException;

/** A Secure Boot step could not be done: a tool (openssl, gpg, grub-mkstandalone, sbsign) missing or failing, or keys unusable. */
public final class SecureBootException extends IOException implements PolybootFailure {
    private final String hint;

    SecureBootException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    SecureBootException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    @Override
    public String hint() {
        return hint;
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILURE;
    }
}
