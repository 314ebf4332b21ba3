package dev.polyboot.core.payload;

/**
 * One file of the boot payload as {@code manifest.json} describes it.
 *
 * @param name           file name in the payload ({@code core.img}, {@code BOOTX64.EFI}, ...)
 * @param debianPackage  Debian package the bytes (or the GRUB modules in them) come from
 * @param packageVersion that package's version at build time ({@code dpkg-query -W})
 * @param source         path in the package, or the grub-mkimage call that produced the file
 * @param size           size in bytes
 * @param sha256         lower-case hex SHA-256 of the bytes
 */
public record PayloadEntry(String name, String debianPackage, String packageVersion, String source, long size, String sha256) {}
