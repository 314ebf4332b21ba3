package dev.polyboot.core.config;

import dev.polyboot.core.PolybootFailure;
import java.io.IOException;

/** {@code /polyboot.json} is not a valid configuration; the message is one line naming the key and the line. */
public final class ConfigException extends IOException implements PolybootFailure {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    @Override
    public String hint() {
        return "fix " + StickConfig.PATH + " on the data partition (or set the key with 'polyboot config set'); "
                + "until then the menu ignores it";
    }

    @Override
    public Outcome outcome() {
        return Outcome.FAILURE;
    }
}
