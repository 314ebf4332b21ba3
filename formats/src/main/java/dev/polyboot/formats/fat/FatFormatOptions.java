package dev.polyboot.formats.fat;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link FatFormatter} lays out a volume. Defaults follow mkfs.fat 4.2 (see {@link MkfsParameters}).
 *
 * @param type              FAT16, FAT32, or AUTO (FAT32 from 512 MiB up, as mkfs.fat chooses)
 * @param label             volume label, up to 11 ASCII characters; stored uppercase; "" = no label ("NO NAME")
 * @param serial            volume serial number (u32), injected for reproducible images
 * @param sectorsPerCluster 0 = choose like mkfs.fat; else a power of two 1..128
 * @param oemName           8-byte OEM name in the boot sector (padded with spaces)
 * @param hiddenSectors     sectors before the volume on its disk (= partition start LBA); BIOS boot code uses it
 * @param reservedSectors   0 = mkfs.fat default (1 for FAT16, 32 for FAT32, rounded up to a cluster)
 * @param fatCount          number of FAT copies (mkfs.fat default 2)
 * @param clock             time stamp of the volume-label entry
 */
public record FatFormatOptions(Type type, String label, long serial, int sectorsPerCluster, String oemName,
                               long hiddenSectors, int reservedSectors, int fatCount, Clock clock) {

    public enum Type { AUTO, FAT16, FAT32 }

    private static final String LABEL_FORBIDDEN = "*?.,;:/\\|+=<>[]\"";

    public FatFormatOptions {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clock, "clock");
        label = normalizeLabel(label);
        if (serial < 0 || serial > 0xFFFF_FFFFL) throw new IllegalArgumentException("serial is not a u32: " + serial);
        if (sectorsPerCluster < 0 || sectorsPerCluster > 128 || Integer.bitCount(sectorsPerCluster) > 1) {
            throw new IllegalArgumentException("sectors per cluster must be 0 or a power of two up to 128: " + sectorsPerCluster);
        }
        Objects.requireNonNull(oemName, "oemName");
        if (oemName.length() > 8 || !oemName.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("OEM name must be up to 8 printable ASCII characters: " + oemName);
        }
        if (hiddenSectors < 0 || hiddenSectors > 0xFFFF_FFFFL) throw new IllegalArgumentException("hidden sectors not a u32: " + hiddenSectors);
        if (reservedSectors < 0 || reservedSectors > 0xFFFF) throw new IllegalArgumentException("reserved sectors: " + reservedSectors);
        if (fatCount < 1 || fatCount > 4) throw new IllegalArgumentException("FAT count must be 1..4: " + fatCount);
    }

    /** mkfs.fat defaults: automatic type and cluster size, 2 FATs, no hidden sectors. */
    public static FatFormatOptions defaults(String label, long serial, Clock clock) {
        return new FatFormatOptions(Type.AUTO, label, serial, 0, "MSWIN4.1", 0, 0, 2, clock);
    }

    public FatFormatOptions withType(Type t) {
        return new FatFormatOptions(t, label, serial, sectorsPerCluster, oemName, hiddenSectors, reservedSectors, fatCount, clock);
    }

    public FatFormatOptions withSectorsPerCluster(int spc) {
        return new FatFormatOptions(type, label, serial, spc, oemName, hiddenSectors, reservedSectors, fatCount, clock);
    }

    public FatFormatOptions withHiddenSectors(long hidden) {
        return new FatFormatOptions(type, label, serial, sectorsPerCluster, oemName, hidden, reservedSectors, fatCount, clock);
    }

    public FatFormatOptions withOemName(String oem) {
        return new FatFormatOptions(type, label, serial, sectorsPerCluster, oem, hiddenSectors, reservedSectors, fatCount, clock);
    }

    private static String normalizeLabel(String label) {
        Objects.requireNonNull(label, "label");
        String up = label.toUpperCase(Locale.ROOT);
        if (up.length() > 11) throw new IllegalArgumentException("label longer than 11 characters: " + label);
        for (char c : up.toCharArray()) {
            if (c < 0x20 || c >= 0x7F || LABEL_FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException("label character not allowed: '" + c + "' in " + label);
            }
        }
        if (up.startsWith(" ")) throw new IllegalArgumentException("label may not start with a space: " + label);
        return up.stripTrailing();
    }
}
