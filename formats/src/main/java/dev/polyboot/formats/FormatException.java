package dev.polyboot.formats;

import java.io.IOException;

/**
 * Root of the one checked exception family for everything read from or written to a disk image.
 * Messages name the structure, the byte offset (on the underlying device where known), the field,
 * what was expected and what was found, so that a user's bug report alone locates the damage.
 */
public class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String structure;
    private final long offset;
    private final String field;
    private final String expected;
    private final String actual;

    public FormatException(String structure, long offset, String field, Object expected, Object actual) {
        this(structure, offset, field, expected, actual, null);
    }

    public FormatException(String structure, long offset, String field, Object expected, Object actual,
                           Throwable cause) {
        super(describe(structure, offset, field, expected, actual), cause);
        this.structure = structure;
        this.offset = offset;
        this.field = field;
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
    }

    /** For conditions that are not about one field (e.g. "volume is full"). */
    public FormatException(String structure, long offset, String message) {
        super(structure + " at offset " + offset + ": " + message);
        this.structure = structure;
        this.offset = offset;
        this.field = null;
        this.expected = null;
        this.actual = null;
    }

    private static String describe(String structure, long offset, String field, Object expected, Object actual) {
        return structure + " at offset " + offset + " (0x" + Long.toHexString(offset) + "): field " + field
                + " expected " + expected + " but was " + actual;
    }

    public String structure() { return structure; }
    public long offset() { return offset; }
    public String field() { return field; }
    public String expected() { return expected; }
    public String actual() { return actual; }
}
