package dev.polyboot.formats.mbr;

import dev.polyboot.formats.UnsupportedLayoutException;
import java.util.ArrayList;
import java.util.List;

/** Builds an {@link Mbr} from partition specs, filling CHS fields the way fdisk/sfdisk do. */
public final class MbrBuilder {
    /** MBR LBA fields are 32 bits: no partition may reach past sector 2^32 (2 TiB at 512 bytes/sector). */
    public static final long MAX_SECTORS = 1L << 32;

    private MbrBuilder() {}

    /**
     * @param bootCode 440 bytes kept as given (e.g. GRUB boot.img), or all zeros
     * @param partitions up to four primary partitions, in slot order; unused slots stay empty
     * @throws UnsupportedLayoutException when a partition reaches past the 2^32-sector limit of MBR
     */
    public static Mbr build(byte[] bootCode, long diskSignature, List<MbrPartitionSpec> partitions)
            throws UnsupportedLayoutException {
        if (partitions.size() > Mbr.ENTRIES) {
            throw new IllegalArgumentException("an MBR holds at most " + Mbr.ENTRIES + " primary partitions: " + partitions.size());
        }
        List<MbrPartition> entries = new ArrayList<>(Mbr.ENTRIES);
        for (int i = 0; i < partitions.size(); i++) {
            entries.add(entry(i + 1, partitions.get(i)));
        }
        while (entries.size() < Mbr.ENTRIES) entries.add(MbrPartition.EMPTY);
        return new Mbr(bootCode, diskSignature, 0, entries);
    }

    /** One table entry for {@code spec}; {@code number} (1..4) only names the partition in the error. */
    public static MbrPartition entry(int number, MbrPartitionSpec spec) throws UnsupportedLayoutException {
        long end = Math.addExact(spec.firstLba(), spec.sectorCount());
        if (end > MAX_SECTORS) {
            throw new UnsupportedLayoutException(MbrCodec.STRUCTURE, Mbr.TABLE + (long) (number - 1) * MbrPartition.SIZE,
                    "partition " + number + " (sectors " + spec.firstLba() + "+" + spec.sectorCount() + ") reaches past sector 2^32 = "
                            + MAX_SECTORS + ", the limit of an MBR partition table (2 TiB at 512-byte sectors); use GPT");
        }
        return new MbrPartition(spec.active() ? MbrPartition.STATUS_ACTIVE : 0, Chs.fromLba(spec.firstLba()), spec.type(),
                Chs.fromLba(end - 1), spec.firstLba(), spec.sectorCount());
    }
}
