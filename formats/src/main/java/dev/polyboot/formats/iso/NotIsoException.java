package dev.polyboot.formats.iso;

import dev.polyboot.formats.FormatException;

/** The device has no ISO 9660 volume descriptor ("CD001") at byte 32768: it is not an ISO image at all. */
public final class NotIsoException extends FormatException {
    private static final long serialVersionUID = 1L;

    public NotIsoException(long offset, Object actual) {
        super("ISO 9660 volume descriptor", offset, "standard identifier", "CD001", actual);
    }
}
