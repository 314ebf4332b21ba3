package dev.polyboot.cli;

/** Where the boot menu shows: --console screen|serial|both. */
enum ConsoleMode {
    SCREEN, SERIAL, BOTH
}
