/**
 * The cpio "newc" format (magic 070701, and 070702 with a data checksum) that Linux unpacks as initramfs: kernel
 * Documentation/driver-api/early-userspace/buffer-format.rst and cpio(5).
 *
 * <p>Public surface: {@link dev.polyboot.formats.cpio.CpioNewcWriter#write} turns a list of {@link
 * dev.polyboot.formats.cpio.CpioEntry} (directories, files, symlinks) into a reproducible archive, trailer and
 * 512-byte padding included; {@link dev.polyboot.formats.cpio.CpioNewcReader} reads an archive back entry by entry
 * with caps; {@link dev.polyboot.formats.cpio.CpioNewcHeader} is the header record and its codec, read through a
 * {@link dev.polyboot.formats.cpio.CpioInput} so that a caller with its own stream (core's initrd check, which
 * charges every byte to a budget and walks concatenated archives) uses the same code.
 */
package dev.polyboot.formats.cpio;
