package dev.polyboot.formats;

/** Valid on-disk data that polyboot deliberately does not handle (e.g. an MBR beyond 2 TiB). */
public class UnsupportedLayoutException extends FormatException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLayoutException(String structure, long offset, String field, Object expected, Object actual) {
        super(structure, offset, field, expected, actual);
    }

    public UnsupportedLayoutException(String structure, long offset, String message) {
        super(structure, offset, message);
    }
}
