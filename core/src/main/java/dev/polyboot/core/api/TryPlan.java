package dev.polyboot.core.api;

import dev.polyboot.core.qemu.QemuOptions;

/**
 * {@code try}: how the stick will be booted in QEMU (snapshot mode: nothing is written back).
 *
 * @param target          the stick as given
 * @param uefi            OVMF instead of SeaBIOS
 * @param timeoutSeconds  stop after this many seconds, or null
 * @param menuUnseen      the stick shows its menu on the screen only and there is no display: the terminal stays
 *                        empty until a booted system writes to the serial port
 */
public record TryPlan(String target, boolean uefi, Integer timeoutSeconds, boolean menuUnseen, QemuOptions qemu) {}
