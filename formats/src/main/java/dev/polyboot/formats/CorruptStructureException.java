package dev.polyboot.formats;

/** The bytes on disk contradict the format: damaged or hostile image. */
public class CorruptStructureException extends FormatException {
    private static final long serialVersionUID = 1L;

    public CorruptStructureException(String structure, long offset, String field, Object expected, Object actual) {
        super(structure, offset, field, expected, actual);
    }

    public CorruptStructureException(String structure, long offset, String message) {
        super(structure, offset, message);
    }
}
