package dev.polyboot.formats.gpt;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Checks a GPT the way {@code sgdisk -v} does and returns findings instead of a verdict. */
public final class GptVerifier {
    static final long ALIGNMENT_BYTES = 1 << 20;

    private GptVerifier() {}

    /** Reader findings (CRC, backup, copies differ) plus table findings; an unreadable GPT is one CORRUPT finding. */
    public static List<GptFinding> verify(BlockDevice dev) throws IOException {
        GptReadResult r;
        try {
            r = GptReader.read(dev);
        } catch (CorruptStructureException e) {
            return List.of(GptFinding.corrupt(e.getMessage()));
        }
        List<GptFinding> out = new ArrayList<>(r.findings());
        out.addAll(verify(r.table(), dev.size() / dev.sectorSize(), dev.sectorSize()));
        return List.copyOf(out);
    }

    /** Overlaps, entries outside the usable range or the disk, 1 MiB alignment, duplicate or zero unique GUIDs. */
    public static List<GptFinding> verify(GptTable table, long diskSectors, int sectorSize) {
        List<GptFinding> out = new ArrayList<>();
        if (table.lastUsableLba() >= diskSectors) {
            out.add(GptFinding.corrupt("last usable LBA " + table.lastUsableLba() + " beyond the disk of " + diskSectors + " sectors"));
        }
        record Numbered(int number, GptPartition p) {}
        List<Numbered> used = new ArrayList<>();
        Set<UUID> uniques = new HashSet<>();
        for (int i = 0; i < table.entryCount(); i++) {
            GptPartition p = table.entries().get(i);
            if (!p.isUsed()) continue;
            int n = i + 1;
            if (p.lastLba() < p.firstLba()) {
                out.add(GptFinding.corrupt("partition " + n + " ends (LBA " + p.lastLba() + ") before it starts (LBA " + p.firstLba() + ")"));
                continue;
            }
            if (p.firstLba() < table.firstUsableLba() || p.lastLba() > table.lastUsableLba()) {
                out.add(GptFinding.corrupt("partition " + n + " (LBA " + p.firstLba() + ".." + p.lastLba()
                        + ") outside the usable range " + table.firstUsableLba() + ".." + table.lastUsableLba()));
            }
            if (p.firstLba() % (ALIGNMENT_BYTES / sectorSize) != 0) {
                out.add(GptFinding.warning("partition " + n + " starts at LBA " + p.firstLba() + ", not aligned to 1 MiB"));
            }
            if (p.uniqueGuid().equals(Guids.ZERO)) {
                out.add(GptFinding.warning("partition " + n + " has the zero unique GUID"));
            } else if (!uniques.add(p.uniqueGuid())) {
                out.add(GptFinding.warning("partition " + n + " repeats unique GUID " + Guids.format(p.uniqueGuid())));
            }
            used.add(new Numbered(n, p));
        }
        used.sort(Comparator.comparingLong(u -> u.p().firstLba()));
        Numbered reach = null; // the partition reaching furthest so far, so nested overlaps are caught too
        for (Numbered b : used) {
            if (reach != null && b.p().firstLba() <= reach.p().lastLba()) {
                out.add(GptFinding.corrupt("partitions " + reach.number() + " and " + b.number() + " overlap at LBA " + b.p().firstLba()));
            }
            if (reach == null || b.p().lastLba() > reach.p().lastLba()) reach = b;
        }
        return List.copyOf(out);
    }
}
