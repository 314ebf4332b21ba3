package dev.polyboot.core.qemu;

/** The PC firmware a QEMU run starts with: SeaBIOS (legacy BIOS) or OVMF (UEFI). */
public enum Firmware {
    BIOS,
    UEFI
}
