package dev.polyboot.formats.gpt;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.gpt.GptReadResult.Source;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a GPT as UEFI 2.10 §5.3.2 tells firmware to: the primary header and array are used when both check
 * out; otherwise the backup (at the primary's alternate LBA, else the last LBA) is used and the result says so.
 * The copy not used is still checked and any damage or disagreement becomes a finding.
 */
public final class GptReader {
    private GptReader() {}

    private record Copy(GptHeader header, List<GptPartition> entries) {}

    public static GptReadResult read(BlockDevice dev) throws IOException {
        int ss = dev.sectorSize();
        long diskSectors = dev.size() / ss;
        if (diskSectors < 3) {
            throw new CorruptStructureException("GPT", 0, "disk size in sectors", "at least 3", diskSectors);
        }
        long lastLba = diskSectors - 1;
        List<GptFinding> findings = new ArrayList<>();
        GptHeader primaryHeader = null;
        Copy primary = null;
        CorruptStructureException primaryError = null;
        try {
            primaryHeader = readHeader(dev, 1, diskSectors);
            primary = new Copy(primaryHeader, readEntries(dev, primaryHeader));
        } catch (CorruptStructureException e) {
            primaryError = e;
        }

        Set<Long> backupCandidates = new LinkedHashSet<>();
        if (primaryHeader != null && primaryHeader.backupLba() > 1 && primaryHeader.backupLba() <= lastLba) {
            backupCandidates.add(primaryHeader.backupLba());
        }
        backupCandidates.add(lastLba);
        Copy backup = null;
        CorruptStructureException backupError = null;
        for (long lba : backupCandidates) {
            try {
                GptHeader h = readHeader(dev, lba, diskSectors);
                backup = new Copy(h, readEntries(dev, h));
                break;
            } catch (CorruptStructureException e) {
                if (backupError == null) backupError = e;
            }
        }

        if (primary == null && backup == null) {
            CorruptStructureException both = new CorruptStructureException(primaryError.structure(), primaryError.offset(),
                    "no valid GPT: primary: " + primaryError.getMessage() + "; backup: " + backupError.getMessage());
            both.addSuppressed(primaryError);
            both.addSuppressed(backupError);
            throw both;
        }
        if (primary == null) {
            findings.add(GptFinding.corrupt("primary GPT unusable, using the backup: " + primaryError.getMessage()));
        } else if (backup == null) {
            findings.add(GptFinding.corrupt("backup GPT unusable: " + backupError.getMessage()));
        } else {
            compare(primary, backup, findings);
        }
        if (backup != null && backup.header.currentLba() != lastLba) {
            findings.add(GptFinding.warning("backup GPT header at LBA " + backup.header.currentLba()
                    + ", not at the last LBA " + lastLba + " (disk grown or image resized?)"));
        }
        Copy used = primary != null ? primary : backup;
        if (used.header.revision() != GptHeader.REVISION_1_0) {
            findings.add(GptFinding.warning(String.format("GPT revision 0x%08X, expected 0x00010000", used.header.revision())));
        }
        GptTable table = new GptTable(used.header.diskGuid(), used.header.firstUsableLba(), used.header.lastUsableLba(),
                (int) used.header.entrySize(), used.entries);
        return new GptReadResult(table, primary != null ? Source.PRIMARY : Source.BACKUP, used.header, findings);
    }

    /** Reads and checks the header at {@code lba}. */
    public static GptHeader readHeader(BlockDevice dev, long lba, long diskSectors) throws IOException {
        int ss = dev.sectorSize();
        byte[] sector = dev.read(Math.multiplyExact(lba, (long) ss), ss).array();
        return GptHeaderCodec.decode(sector, lba, ss, diskSectors);
    }

    /** Reads the array {@code h} points to and checks its CRC; {@code h} came from {@link GptHeaderCodec#decode}. */
    static List<GptPartition> readEntries(BlockDevice dev, GptHeader h) throws IOException {
        int bytes = (int) h.entriesBytes(); // capped at 1 MiB by the header checks
        long offset = Math.multiplyExact(h.entriesLba(), (long) dev.sectorSize());
        byte[] array = dev.read(offset, bytes).array();
        long crc = GptHeaderCodec.crc32(array);
        if (crc != h.entriesCrc32()) {
            throw new CorruptStructureException("GPT partition entry array at LBA " + h.entriesLba(), offset, "CRC32",
                    GptHeaderCodec.hex32(h.entriesCrc32()) + " (from the header at LBA " + h.currentLba() + ")",
                    GptHeaderCodec.hex32(crc));
        }
        return GptEntriesCodec.decode(array, (int) h.entryCount(), (int) h.entrySize(), offset);
    }

    private static void compare(Copy p, Copy b, List<GptFinding> findings) {
        GptHeader ph = p.header;
        GptHeader bh = b.header;
        differ(findings, "disk GUID", ph.diskGuid(), bh.diskGuid());
        differ(findings, "first usable LBA", ph.firstUsableLba(), bh.firstUsableLba());
        differ(findings, "last usable LBA", ph.lastUsableLba(), bh.lastUsableLba());
        differ(findings, "number of entries", ph.entryCount(), bh.entryCount());
        differ(findings, "entry size", ph.entrySize(), bh.entrySize());
        differ(findings, "alternate LBA of the primary vs LBA of the backup", ph.backupLba(), bh.currentLba());
        differ(findings, "alternate LBA of the backup", 1L, bh.backupLba());
        if (!p.entries.equals(b.entries)) {
            findings.add(GptFinding.corrupt("primary and backup GPT partition entries differ"));
        }
    }

    private static void differ(List<GptFinding> findings, String field, Object primary, Object backup) {
        if (!primary.equals(backup)) {
            findings.add(GptFinding.corrupt("primary and backup GPT headers differ in " + field + ": " + primary + " vs " + backup));
        }
    }
}
