package dev.polyboot.core.qemu;

/**
 * What a VT100 terminal sends for a key, for {@link QemuSession#sendSerial(String)}: GRUB's
 * terminfo input over serial understands these. Send a sequence in one call so that it arrives
 * as one burst and is not read as a lone Escape.
 */
public final class SerialKeys {
    private SerialKeys() {}

    public static final String UP = "\u001b[A";
    public static final String DOWN = "\u001b[B";
    public static final String RIGHT = "\u001b[C";
    public static final String LEFT = "\u001b[D";
    public static final String ENTER = "\r";
    public static final String ESCAPE = "\u001b";
    /** GRUB: edit the selected menu entry. */
    public static final String EDIT = "e";
    /** GRUB: command line. */
    public static final String COMMAND_LINE = "c";
}
