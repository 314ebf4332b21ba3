package dev.polyboot.core.images;

import java.io.IOException;

/** The bytes read back from the stick differ from the source; the partial copy was removed. */
public final class CopyVerificationException extends IOException {
    private static final long serialVersionUID = 1L;

    public CopyVerificationException(String message) {
        super(message);
    }
}
