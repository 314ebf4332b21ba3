package dev.polyboot.formats;

/** Not enough free clusters (or directory slots) for the requested write. */
public class VolumeFullException extends FormatException {
    private static final long serialVersionUID = 1L;

    public VolumeFullException(String structure, long needed, long available) {
        super(structure, 0, "volume full: needed " + needed + " bytes, " + available + " available");
    }
}
