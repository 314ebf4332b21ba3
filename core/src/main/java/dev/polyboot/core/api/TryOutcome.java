package dev.polyboot.core.api;

/**
 * How the virtual machine ended.
 *
 * @param exitCode QEMU's exit code
 * @param timedOut stopped by the timeout asked for
 */
public record TryOutcome(int exitCode, boolean timedOut) {}
