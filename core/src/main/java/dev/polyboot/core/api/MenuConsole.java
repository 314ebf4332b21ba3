package dev.polyboot.core.api;

import dev.polyboot.core.boot.Console;

/** Where the boot menu shows: the screen, the first serial port, or both (the CLI's {@code --console}). */
public enum MenuConsole {
    SCREEN, SERIAL, BOTH;

    Console core() {
        return Console.valueOf(name());
    }
}
