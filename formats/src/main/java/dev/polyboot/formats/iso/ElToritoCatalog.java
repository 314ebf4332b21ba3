package dev.polyboot.formats.iso;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * El Torito 1.0 section 2 boot catalog: validation entry, initial/default entry, then section headers (0x90, the
 * last one 0x91) each followed by its section entries and their extension records (0x44). The catalog is read at
 * most {@link #MAX_BYTES}; entries beyond that, or a section structure that contradicts itself, end the walk with
 * a finding. Entries are listed in catalog order, the initial entry first.
 */
public record ElToritoCatalog(long offset, ElToritoValidationEntry validation, List<ElToritoEntry> entries,
                              List<String> findings) {
    /** 32 KiB = 1024 entries; xorriso writes at most a few sectors. */
    public static final int MAX_BYTES = 32 * 1024;
    static final int HEADER_MORE = 0x90;
    static final int HEADER_FINAL = 0x91;
    static final int EXTENSION = 0x44;

    public ElToritoCatalog {
        entries = List.copyOf(entries);
        findings = List.copyOf(findings);
    }

    public Optional<ElToritoEntry> initialEntry() {
        return entries.stream().filter(e -> e.section() == 0).findFirst();
    }

    public List<ElToritoEntry> efiEntries() {
        return entries.stream().filter(ElToritoEntry::isEfi).toList();
    }

    public List<ElToritoEntry> biosEntries() {
        return entries.stream().filter(ElToritoEntry::isBios).toList();
    }

    /** Reads the catalog at 2048-byte sector {@code catalogSector} (from the boot record descriptor). */
    public static ElToritoCatalog read(BlockDevice dev, long catalogSector) throws IOException {
        long offset = catalogSector * ElToritoImageSize.SECTOR;
        if (offset > dev.size() - 2 * ElToritoEntry.SIZE) {
            throw new CorruptStructureException("El Torito boot catalog", offset, "location",
                    "within the device (" + dev.size() + " bytes)", "sector " + catalogSector);
        }
        int len = (int) Math.min(MAX_BYTES, dev.size() - offset) & ~(ElToritoEntry.SIZE - 1);
        ByteBuffer cat = dev.read(offset, len).order(ByteOrder.LITTLE_ENDIAN);
        ElToritoValidationEntry validation = ElToritoValidationEntry.decode(cat, offset);
        Findings findings = new Findings();
        List<ElToritoEntry> raw = new ArrayList<>();
        int initialIndicator = Byte.toUnsignedInt(cat.get(ElToritoEntry.SIZE));
        if (initialIndicator != ElToritoEntry.BOOTABLE && initialIndicator != 0) {
            throw new CorruptStructureException("El Torito initial entry", offset + ElToritoEntry.SIZE,
                    "boot indicator", "0x88 or 0x00", String.format("0x%02x", initialIndicator));
        }
        raw.add(ElToritoEntry.decode(cat, ElToritoEntry.SIZE, offset + ElToritoEntry.SIZE, 0, validation.platformId()));
        sections(cat, offset, raw, findings);
        List<ElToritoEntry> entries = new ArrayList<>(raw.size());
        for (ElToritoEntry e : raw) entries.add(ElToritoImageSize.resolve(dev, e, findings));
        return new ElToritoCatalog(offset, validation, entries, findings.list());
    }

    private static void sections(ByteBuffer cat, long offset, List<ElToritoEntry> out, Findings findings) {
        int pos = 2 * ElToritoEntry.SIZE;
        int section = 0;
        while (pos + ElToritoEntry.SIZE <= cat.limit()) {
            int header = Byte.toUnsignedInt(cat.get(pos));
            if (header != HEADER_MORE && header != HEADER_FINAL) {
                if (header != 0 || section > 0) {
                    findings.corrupt("El Torito catalog at " + (offset + pos) + ": expected a section header (0x90/0x91),"
                            + String.format(" found 0x%02x", header));
                }
                return;
            }
            section++;
            int platform = Byte.toUnsignedInt(cat.get(pos + 1));
            int count = Short.toUnsignedInt(cat.getShort(pos + 2));
            pos += ElToritoEntry.SIZE;
            for (int i = 0; i < count; i++) {
                if (pos + ElToritoEntry.SIZE > cat.limit()) {
                    findings.corrupt("El Torito section " + section + " claims " + count
                            + " entries; the catalog ends (or reaches the " + MAX_BYTES + "-byte cap) after " + i);
                    return;
                }
                int indicator = Byte.toUnsignedInt(cat.get(pos));
                if (indicator != ElToritoEntry.BOOTABLE && indicator != 0) {
                    findings.corrupt("El Torito section entry at " + (offset + pos)
                            + String.format(": boot indicator 0x%02x", indicator));
                    return;
                }
                ElToritoEntry e = ElToritoEntry.decode(cat, pos, offset + pos, section, platform);
                out.add(e);
                pos += ElToritoEntry.SIZE;
                boolean more = e.hasExtensionFollowing();
                while (more && pos + ElToritoEntry.SIZE <= cat.limit()) {
                    if (Byte.toUnsignedInt(cat.get(pos)) != EXTENSION) {
                        findings.corrupt("El Torito extension record expected at " + (offset + pos));
                        return;
                    }
                    more = (cat.get(pos + 1) & 0x20) != 0;
                    pos += ElToritoEntry.SIZE;
                }
            }
            if (header == HEADER_FINAL) return;
        }
    }
}
