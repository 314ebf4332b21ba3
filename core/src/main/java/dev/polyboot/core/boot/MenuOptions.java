package dev.polyboot.core.boot;

import java.util.Objects;

/**
 * Choices that shape the generated grub.cfg.
 *
 * @param console          screen, serial or both
 * @param timeoutSeconds   seconds before the first image boots by itself; -1 waits for the user (the default:
 *                         starting an arbitrary image, maybe an installer, unasked is the worse surprise)
 * @param polybootVersion  shown in the menu and the identity file
 * @param dataPartition    partition number of the exFAT data partition on the stick (1 in our layout)
 */
public record MenuOptions(Console console, int timeoutSeconds, String polybootVersion, int dataPartition) {
    public MenuOptions {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(polybootVersion, "polybootVersion");
        if (timeoutSeconds < -1 || timeoutSeconds > 3600) throw new IllegalArgumentException("timeout must be -1..3600 s, got " + timeoutSeconds);
        if (!polybootVersion.matches("[A-Za-z0-9._+-]{1,40}")) throw new IllegalArgumentException("odd polyboot version: " + polybootVersion);
        if (dataPartition < 1 || dataPartition > 128) throw new IllegalArgumentException("data partition number out of range: " + dataPartition);
    }

    public static MenuOptions defaults(String polybootVersion) {
        return new MenuOptions(Console.SCREEN, -1, polybootVersion, 1);
    }

    public MenuOptions withConsole(Console c) {
        return new MenuOptions(c, timeoutSeconds, polybootVersion, dataPartition);
    }

    public MenuOptions withTimeout(int seconds) {
        return new MenuOptions(console, seconds, polybootVersion, dataPartition);
    }
}
