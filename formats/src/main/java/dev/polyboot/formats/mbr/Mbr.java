package dev.polyboot.formats.mbr;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The master boot record in LBA 0 (UEFI 2.10 §5.2.1, table 5-1): 440 bytes of boot code, the 32-bit disk
 * signature, two bytes usually zero (kept raw), four partition entries and the 55 AA boot signature. It is
 * 512 bytes even on 4096-byte-sector disks; the rest of such a sector is not part of the record.
 */
public record Mbr(byte[] bootCode, long diskSignature, int reserved, List<MbrPartition> partitions) {
    public static final int SIZE = 512;
    public static final int BOOT_CODE_SIZE = 440;
    static final int DISK_SIGNATURE = 440;
    static final int RESERVED = 444;
    static final int TABLE = 446;
    static final int BOOT_SIGNATURE = 510;
    public static final int ENTRIES = 4;

    public Mbr {
        Objects.requireNonNull(bootCode, "bootCode");
        if (bootCode.length != BOOT_CODE_SIZE) {
            throw new IllegalArgumentException("boot code must be " + BOOT_CODE_SIZE + " bytes: " + bootCode.length);
        }
        if (diskSignature < 0 || diskSignature > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("disk signature out of u32 range: " + diskSignature);
        }
        if (reserved < 0 || reserved > 0xFFFF) throw new IllegalArgumentException("reserved out of u16 range: " + reserved);
        partitions = List.copyOf(partitions);
        if (partitions.size() != ENTRIES) {
            throw new IllegalArgumentException("an MBR has exactly " + ENTRIES + " entries: " + partitions.size());
        }
        bootCode = bootCode.clone();
    }

    @Override
    public byte[] bootCode() {
        return bootCode.clone();
    }

    /** Slot {@code index} (0..3); partition number is index + 1. */
    public MbrPartition partition(int index) {
        return partitions.get(index);
    }

    public boolean hasType(int type) {
        return partitions.stream().anyMatch(p -> p.type() == type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mbr m && Arrays.equals(bootCode, m.bootCode) && diskSignature == m.diskSignature
                && reserved == m.reserved && partitions.equals(m.partitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bootCode), diskSignature, reserved, partitions);
    }

    @Override
    public String toString() {
        return String.format("Mbr[diskSignature=0x%08x, reserved=0x%04x, partitions=%s]", diskSignature, reserved, partitions);
    }
}
