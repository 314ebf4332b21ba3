/**
 * exFAT, pure Java, after Microsoft's "exFAT file system specification" (section numbers in the javadoc refer to it).
 *
 * <p>Public surface: {@link dev.polyboot.formats.exfat.ExfatFormatter#format} with {@link
 * dev.polyboot.formats.exfat.ExfatFormatOptions} (lays the volume out exactly as exfatprogs' mkfs.exfat 1.2.0 does,
 * including its cluster-size choice and 1 MiB alignment), and {@link dev.polyboot.formats.exfat.ExfatVolume#open},
 * a {@link dev.polyboot.formats.fs.Volume}. Files are written contiguous with NoFatChain whenever a free run is long
 * enough (first fit), as FAT chains otherwise. Everything else is package-private: one record or class per on-disk
 * structure (boot sector and region, FAT, allocation bitmap, up-case table, entry sets, directories).
 */
package dev.polyboot.formats.exfat;
