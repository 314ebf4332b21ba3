package dev.polyboot.formats;

/** A path named by the caller does not exist in the file system. */
public class NoSuchEntryException extends FormatException {
    private static final long serialVersionUID = 1L;

    public NoSuchEntryException(String structure, String path) {
        super(structure, 0, "no such file or directory: " + path);
    }
}
