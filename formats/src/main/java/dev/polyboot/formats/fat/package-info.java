/**
 * FAT16 and FAT32, pure Java, after Microsoft's "FAT: General Overview of On-Disk Format" (fatgen103; section
 * numbers in the javadoc refer to it). FAT12 is refused (UnsupportedLayoutException); the cluster count alone
 * decides the type, as the spec says.
 *
 * <p>Public surface: {@link dev.polyboot.formats.fat.FatFormatter#format} with {@link
 * dev.polyboot.formats.fat.FatFormatOptions} (lays the volume out as dosfstools' mkfs.fat 4.2 does: geometry, total
 * sectors rounded to whole tracks, cluster size, reserved sectors and root directory aligned to clusters, FSInfo and
 * backup boot sector at 1 and 6/7), and {@link dev.polyboot.formats.fat.FatVolume#open}, a {@link
 * dev.polyboot.formats.fs.Volume}. Long names get Windows-style 8.3 aliases (basis name + "~n" tail, NT lowercase
 * bits for all-lowercase 8.3 names); files are written into one contiguous run when a free gap is long enough
 * (first fit). Everything else is package-private: one record per on-disk structure (boot sector, FSInfo, short and
 * long directory entries), the FAT with a checked chain walker, and the directory model.
 */
package dev.polyboot.formats.fat;
