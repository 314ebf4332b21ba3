/**
 * GRUB 2's BIOS boot code as {@code grub-bios-setup} writes it: boot.img in LBA 0 and core.img in the gap after it,
 * each patched with the sector the next stage is read from.
 */
package dev.polyboot.formats.grub;
