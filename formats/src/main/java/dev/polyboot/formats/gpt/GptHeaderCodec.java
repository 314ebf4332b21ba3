package dev.polyboot.formats.gpt;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Decodes (with every check the spec asks a reader to make) and encodes {@link GptHeader}; little-endian. */
public final class GptHeaderCodec {
    /** Cap on an entry array read from disk: 8x the usual 16 KiB, far below what could hurt memory. */
    public static final long MAX_ARRAY_BYTES = 1 << 20;

    private GptHeaderCodec() {}

    /**
     * @param sector the whole sector at {@code lba}
     * @param diskSectors size of the disk, for bounds checks
     */
    public static GptHeader decode(byte[] sector, long lba, int sectorSize, long diskSectors) throws CorruptStructureException {
        String structure = lba == 1 ? "GPT primary header" : "GPT header at LBA " + lba;
        long base = Math.multiplyExact(lba, (long) sectorSize);
        if (sector.length < sectorSize) throw new CorruptStructureException(structure, base, "length", sectorSize, sector.length);
        ByteBuffer b = ByteBuffer.wrap(sector, 0, sectorSize).order(ByteOrder.LITTLE_ENDIAN);
        long signature = b.getLong(GptHeader.SIGNATURE);
        if (signature != GptHeader.SIGNATURE_EFI_PART) {
            throw new CorruptStructureException(structure, base + GptHeader.SIGNATURE, "signature", "\"EFI PART\"",
                    String.format("0x%016x", signature));
        }
        long headerSize = Unsigned.u32(b, GptHeader.HEADER_SIZE);
        if (headerSize < GptHeader.SIZE || headerSize > sectorSize) {
            throw new CorruptStructureException(structure, base + GptHeader.HEADER_SIZE, "header size",
                    GptHeader.SIZE + ".." + sectorSize, headerSize);
        }
        long storedCrc = Unsigned.u32(b, GptHeader.HEADER_CRC);
        long crc = headerCrc(sector, (int) headerSize);
        if (crc != storedCrc) {
            throw new CorruptStructureException(structure, base + GptHeader.HEADER_CRC, "header CRC32",
                    hex32(crc), hex32(storedCrc));
        }
        long current = u64(b, GptHeader.CURRENT_LBA, structure, base, "my LBA");
        if (current != lba) throw new CorruptStructureException(structure, base + GptHeader.CURRENT_LBA, "my LBA", lba, current);
        long backup = u64(b, GptHeader.BACKUP_LBA, structure, base, "alternate LBA");
        long firstUsable = u64(b, GptHeader.FIRST_USABLE, structure, base, "first usable LBA");
        long lastUsable = u64(b, GptHeader.LAST_USABLE, structure, base, "last usable LBA");
        if (lastUsable >= diskSectors || firstUsable > lastUsable + 1 || firstUsable < 2) {
            throw new CorruptStructureException(structure, base + GptHeader.FIRST_USABLE, "usable LBA range",
                    "within 2.." + (diskSectors - 1), firstUsable + ".." + lastUsable);
        }
        long entriesLba = u64(b, GptHeader.ENTRIES_LBA, structure, base, "partition entry LBA");
        long count = Unsigned.u32(b, GptHeader.ENTRY_COUNT);
        long size = Unsigned.u32(b, GptHeader.ENTRY_SIZE);
        if (size < GptPartition.SIZE || size % GptPartition.SIZE != 0 || size > MAX_ARRAY_BYTES) {
            throw new CorruptStructureException(structure, base + GptHeader.ENTRY_SIZE, "size of partition entry",
                    "a multiple of 128", size);
        }
        if (count * size > MAX_ARRAY_BYTES) { // both < 2^32 and size <= 2^20: no overflow
            throw new CorruptStructureException(structure, base + GptHeader.ENTRY_COUNT, "number of partition entries",
                    "at most " + MAX_ARRAY_BYTES / size + " entries of " + size + " bytes", count);
        }
        long arraySectors = (count * size + sectorSize - 1) / sectorSize;
        if (entriesLba < 2 || entriesLba > diskSectors - arraySectors || (lba >= entriesLba && lba < entriesLba + arraySectors)) {
            throw new CorruptStructureException(structure, base + GptHeader.ENTRIES_LBA, "partition entry LBA",
                    "an array of " + arraySectors + " sectors inside the disk of " + diskSectors + " sectors, not over the header",
                    entriesLba);
        }
        return new GptHeader(Unsigned.u32(b, GptHeader.REVISION), headerSize, current, backup, firstUsable, lastUsable,
                Guids.read(b, GptHeader.DISK_GUID), entriesLba, count, size, Unsigned.u32(b, GptHeader.ENTRIES_CRC));
    }

    /** One sector holding {@code h}, with its CRC computed; bytes past the header size are zero. */
    public static byte[] encode(GptHeader h, int sectorSize) {
        if (h.headerSize() < GptHeader.SIZE || h.headerSize() > sectorSize) {
            throw new IllegalArgumentException("header size must be " + GptHeader.SIZE + ".." + sectorSize + ": " + h.headerSize());
        }
        byte[] sector = new byte[sectorSize];
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(GptHeader.SIGNATURE, GptHeader.SIGNATURE_EFI_PART);
        Unsigned.putU32(b, GptHeader.REVISION, h.revision());
        Unsigned.putU32(b, GptHeader.HEADER_SIZE, h.headerSize());
        b.putLong(GptHeader.CURRENT_LBA, h.currentLba());
        b.putLong(GptHeader.BACKUP_LBA, h.backupLba());
        b.putLong(GptHeader.FIRST_USABLE, h.firstUsableLba());
        b.putLong(GptHeader.LAST_USABLE, h.lastUsableLba());
        Guids.write(b, GptHeader.DISK_GUID, h.diskGuid());
        b.putLong(GptHeader.ENTRIES_LBA, h.entriesLba());
        Unsigned.putU32(b, GptHeader.ENTRY_COUNT, h.entryCount());
        Unsigned.putU32(b, GptHeader.ENTRY_SIZE, h.entrySize());
        Unsigned.putU32(b, GptHeader.ENTRIES_CRC, h.entriesCrc32());
        Unsigned.putU32(b, GptHeader.HEADER_CRC, headerCrc(sector, (int) h.headerSize()));
        return sector;
    }

    /** CRC32 of the first {@code headerSize} bytes with the CRC field taken as zero. */
    static long headerCrc(byte[] sector, int headerSize) {
        CRC32 crc = new CRC32();
        crc.update(sector, 0, GptHeader.HEADER_CRC);
        crc.update(new byte[4]);
        crc.update(sector, GptHeader.RESERVED, headerSize - GptHeader.RESERVED);
        return crc.getValue();
    }

    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static long u64(ByteBuffer b, int at, String structure, long base, String field) throws CorruptStructureException {
        long v = b.getLong(at);
        if (v < 0) throw new CorruptStructureException(structure, base + at, field, "below 2^63", Long.toUnsignedString(v));
        return v;
    }

    static String hex32(long v) {
        return String.format("0x%08X", v);
    }
}
