package dev.polyboot.core.qemu;

/**
 * Turns terminal output (GRUB's terminfo, OVMF's console mirror, iPXE) into plain text to match
 * against: escape sequences, carriage returns, backspaces and other control characters are
 * dropped; a cursor-positioning sequence becomes a line break, because GRUB and OVMF draw whole
 * screens with it and words from different rows must not run together.
 */
public final class ConsoleText {
    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    private static final char CSI_8BIT = 0x9b;

    private enum State { TEXT, ESCAPE, ESCAPE_INTERMEDIATE, CSI, OSC, OSC_ESCAPE }

    private State state = State.TEXT;

    /** Plain text of a complete piece of terminal output. */
    public static String strip(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        new ConsoleText().feed(raw, out);
        return out.toString();
    }

    /**
     * Incremental form for a stream: a sequence split between two calls is still recognised,
     * so the text appended to {@code out} only ever grows at its end.
     */
    public void feed(CharSequence raw, StringBuilder out) {
        for (int i = 0; i < raw.length(); i++) {
            feed(raw.charAt(i), out);
        }
    }

    private void feed(char c, StringBuilder out) {
        switch (state) {
            case TEXT -> text(c, out);
            case ESCAPE -> {
                if (c == '[') state = State.CSI;
                else if (c == ']') state = State.OSC;
                else if (c >= 0x20 && c <= 0x2f) state = State.ESCAPE_INTERMEDIATE; // e.g. ESC ( B
                else state = State.TEXT; // two-character sequence such as ESC 7 / ESC c
            }
            case ESCAPE_INTERMEDIATE -> {
                if (c < 0x20 || c > 0x2f) state = State.TEXT;
            }
            case CSI -> {
                if (c >= 0x40 && c <= 0x7e) {
                    state = State.TEXT;
                    if (c == 'H' || c == 'f') out.append('\n');
                } else if (c < 0x20 || c > 0x3f) {
                    state = State.TEXT; // malformed: give up on the sequence rather than eat text
                }
            }
            case OSC -> {
                if (c == BEL) state = State.TEXT;
                else if (c == ESC) state = State.OSC_ESCAPE;
            }
            case OSC_ESCAPE -> state = c == '\\' ? State.TEXT : State.OSC;
        }
    }

    private void text(char c, StringBuilder out) {
        if (c == ESC) {
            state = State.ESCAPE;
        } else if (c == CSI_8BIT) {
            state = State.CSI;
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))) {
            out.append(c);
        }
    }
}
