package dev.polyboot.core.layout;

import java.util.Locale;

/** The plan as people read it (install --dry-run). */
public final class LayoutText {
    private LayoutText() {}

    public static String render(StickLayout l) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "disk       %d bytes (%s), %d-byte sectors, %s%n", l.diskBytes(),
                Sizes.human(l.diskBytes()), l.sectorSize(), l.style()));
        b.append(String.format(Locale.ROOT, "identity   disk signature %08X%s%n", l.diskSignature(),
                l.diskGuid() == null ? "" : ", disk GUID " + l.diskGuid()));
        b.append(String.format(Locale.ROOT, "boot code  boot.img in LBA 0 (first 440 bytes), core.img from LBA %d (room for %d sectors)%n",
                l.coreImageLba(), l.coreImageMaxSectors()));
        b.append(String.format(Locale.ROOT, "%-2s %-9s %12s %12s %10s  %-14s %s%n", "#", "role", "first LBA", "last LBA",
                "size", "type", "file system"));
        for (PlannedPartition p : l.partitions()) {
            String type = l.style() == PartitionStyle.MBR
                    ? String.format(Locale.ROOT, "0x%02X%s", p.mbrType(), p.active() ? " active" : "")
                    : gptShortType(p) + " \"" + p.name() + "\"";
            String fs = switch (p.fileSystem()) {
                case NONE -> "core.img (raw)";
                case EXFAT -> "exFAT";
                case FAT16 -> "FAT16";
            };
            if (p.fsLabel() != null) {
                fs += String.format(Locale.ROOT, " \"%s\" serial %04X-%04X", p.fsLabel(), p.volumeSerial() >>> 16,
                        p.volumeSerial() & 0xFFFF);
            }
            b.append(String.format(Locale.ROOT, "%-2d %-9s %12d %12d %10s  %-14s %s%n", p.number(),
                    p.role().name().toLowerCase(Locale.ROOT).replace('_', '-'), p.firstLba(), p.lastLba(),
                    Sizes.human(p.sizeBytes()), type, fs));
            if (p.uniqueGuid() != null) {
                b.append(String.format(Locale.ROOT, "   partition GUID %s%n", p.uniqueGuid()));
            }
        }
        if (l.reserveBytes() > 0) {
            b.append(String.format(Locale.ROOT, "reserved   %s left unpartitioned after the boot partition%n",
                    Sizes.human(l.reserveBytes())));
        }
        return b.toString();
    }

    static String gptShortType(PlannedPartition p) {
        if (PartitionTypes.GPT_BASIC_DATA.equals(p.typeGuid())) return "0700";
        if (PartitionTypes.GPT_ESP.equals(p.typeGuid())) return "EF00";
        if (PartitionTypes.GPT_BIOS_BOOT.equals(p.typeGuid())) return "EF02";
        return String.valueOf(p.typeGuid());
    }
}
