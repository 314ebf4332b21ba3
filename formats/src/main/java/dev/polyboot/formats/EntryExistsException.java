package dev.polyboot.formats;

/** A path the caller wants to create is already taken. */
public class EntryExistsException extends FormatException {
    private static final long serialVersionUID = 1L;

    public EntryExistsException(String structure, String path) {
        super(structure, 0, "already exists: " + path);
    }
}
