package dev.polyboot.formats.part;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.gpt.GptFinding;
import dev.polyboot.formats.gpt.GptPartition;
import dev.polyboot.formats.gpt.GptReadResult;
import dev.polyboot.formats.gpt.GptReader;
import dev.polyboot.formats.gpt.Guids;
import dev.polyboot.formats.gpt.ProtectiveMbr;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.mbr.Mbr;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads whatever partition table a disk has: GPT behind a protective (type EE) MBR, a plain MBR, or none. */
public final class PartitionTables {
    private PartitionTables() {}

    public static DiskPartitions read(BlockDevice dev) throws IOException {
        if (dev.size() < Mbr.SIZE) return DiskPartitions.none();
        byte[] sector = dev.read(0, Mbr.SIZE).array();
        if (!MbrCodec.hasBootSignature(sector) || looksLikeVolumeBootRecord(sector)) return DiskPartitions.none();
        Mbr mbr = MbrCodec.decode(sector);
        for (MbrPartition p : mbr.partitions()) {
            // Linux's msdos parser gives up on the same condition: it is a boot sector, not a partition table.
            if (p.status() != 0 && p.status() != MbrPartition.STATUS_ACTIVE) return DiskPartitions.none();
        }
        if (ProtectiveMbr.isProtective(mbr)) return gpt(dev);
        return mbr(dev, mbr);
    }

    private static DiskPartitions gpt(BlockDevice dev) throws IOException {
        GptReadResult r = GptReader.read(dev);
        long ss = dev.sectorSize();
        List<PartitionInfo> out = new ArrayList<>();
        List<GptPartition> entries = r.table().entries();
        for (int i = 0; i < entries.size(); i++) {
            GptPartition p = entries.get(i);
            if (!p.isUsed()) continue;
            if (p.lastLba() < p.firstLba()) {
                throw new CorruptStructureException("GPT partition entry " + (i + 1), 0, "last LBA",
                        "at least first LBA " + p.firstLba(), p.lastLba());
            }
            out.add(new PartitionInfo(i + 1, bytes(p.firstLba(), ss, i + 1), bytes(p.sectorCount(), ss, i + 1), -1,
                    Guids.format(p.typeGuid()), p.name(), (p.attributes() & GptPartition.ATTR_LEGACY_BIOS_BOOTABLE) != 0,
                    Guids.format(p.uniqueGuid())));
        }
        List<String> findings = r.findings().stream().map(GptFinding::toString).toList();
        return new DiskPartitions(DiskPartitions.Style.GPT, Guids.format(r.table().diskGuid()), out, findings);
    }

    private static DiskPartitions mbr(BlockDevice dev, Mbr mbr) throws IOException {
        List<PartitionInfo> out = new ArrayList<>();
        long ss = dev.sectorSize();
        MbrPartition extended = null;
        for (int i = 0; i < Mbr.ENTRIES; i++) {
            MbrPartition p = mbr.partition(i);
            if (p.isEmpty()) continue;
            if (p.isExtended() && extended == null) extended = p;
            out.add(info(i + 1, p, p.firstLba(), ss, mbr.diskSignature()));
        }
        if (extended != null) {
            out.addAll(ExtendedPartitions.logical(dev, extended, mbr.diskSignature()));
        }
        List<String> findings = new ArrayList<>();
        for (PartitionInfo p : out) {
            if (p.endByte() > dev.size()) {
                findings.add("CORRUPT: partition " + p.number() + " ends at byte " + p.endByte() + ", past the end of the disk ("
                        + dev.size() + " bytes)");
            }
        }
        return new DiskPartitions(DiskPartitions.Style.MBR, String.format("0x%08x", mbr.diskSignature()), out, findings);
    }

    static PartitionInfo info(int number, MbrPartition p, long absoluteLba, long ss, long diskSignature) {
        // absoluteLba < 2^33 and ss <= 4096 keep these products far from overflow.
        return new PartitionInfo(number, absoluteLba * ss, p.sectorCount() * ss, p.type(), null, null, p.isActive(),
                String.format("%08x-%02x", diskSignature, number));
    }

    private static long bytes(long sectors, long ss, int number) throws CorruptStructureException {
        try {
            return Math.multiplyExact(sectors, ss);
        } catch (ArithmeticException e) {
            throw new CorruptStructureException("GPT partition entry " + number, 0, "LBA", "below 2^63 bytes", sectors);
        }
    }

    /** A FAT, exFAT or NTFS boot sector also ends in 55 AA; its file-system name gives it away. */
    static boolean looksLikeVolumeBootRecord(byte[] s) {
        return ascii(s, 3, 8).equals("EXFAT   ") || ascii(s, 3, 8).equals("NTFS    ")
                || ascii(s, 0x36, 5).equals("FAT12") || ascii(s, 0x36, 5).equals("FAT16") || ascii(s, 0x52, 5).equals("FAT32");
    }

    private static String ascii(byte[] s, int at, int len) {
        return new String(s, at, len, StandardCharsets.ISO_8859_1);
    }
}
