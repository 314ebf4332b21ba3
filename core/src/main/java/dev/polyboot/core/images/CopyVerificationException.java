package dev.polyboot.core.images;

import dev.polyboot.core.PolybootFailure;
import java.io.IOException;

/** The bytes read back from the stick differ from the source; the partial copy was removed. */
public final class CopyVerificationException extends IOException implements PolybootFailure {
    private static final long serialVersionUID = 1L;

    public CopyVerificationException(String message) {
        super(message);
    }

    @Override
    public String hint() {
        return "the stick may be failing; try again or use another stick ('polyboot verify --full' reads it all back)";
    }

    @Override
    public Outcome outcome() {
        return Outcome.VERIFICATION_FAILED;
    }
}
