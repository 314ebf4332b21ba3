package dev.polyboot.core.qemu;

/**
 * Where a QEMU run shows its screen. {@link #GUI} opens a window (falls back to {@link #TERMINAL}
 * when no $DISPLAY/$WAYLAND_DISPLAY is set); {@link #TERMINAL} puts the serial console on the
 * caller's terminal like {@code -nographic}; {@link #NONE} shows nothing (tests).
 */
public enum Display {
    GUI,
    TERMINAL,
    NONE
}
