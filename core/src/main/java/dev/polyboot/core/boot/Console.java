package dev.polyboot.core.boot;

/** Where the GRUB menu talks: the screen, the first serial port (115200 8N1), or both. */
public enum Console {
    SCREEN, SERIAL, BOTH;

    /** Parses {@code screen|serial|both} (the CLI's spelling). */
    public static Console parse(String s) {
        for (Console c : values()) {
            if (c.name().equalsIgnoreCase(s)) return c;
        }
        throw new IllegalArgumentException("console must be screen, serial or both, got " + s);
    }
}
