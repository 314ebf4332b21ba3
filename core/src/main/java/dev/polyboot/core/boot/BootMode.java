package dev.polyboot.core.boot;

/** The firmware a PC starts GRUB in; GRUB tells them apart by {@code $grub_platform} (pc or efi). */
public enum BootMode {
    BIOS, UEFI
}
