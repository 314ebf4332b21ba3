package dev.polyboot.formats.gpt;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.mbr.Mbr;
import dev.polyboot.formats.mbr.MbrCodec;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a whole GPT: protective MBR in LBA 0, primary header in LBA 1 with its array from LBA 2, the backup
 * array right before the last LBA and the backup header in the last LBA. Nothing else on the disk is touched.
 */
public final class GptWriter {
    private GptWriter() {}

    /** Writes {@code table} behind a protective MBR carrying {@code protectiveBootCode} (440 bytes) and disk signature 0. */
    public static void write(BlockDevice dev, GptTable table, byte[] protectiveBootCode) throws IOException {
        write(dev, table, ProtectiveMbr.create(protectiveBootCode, 0, dev.size() / dev.sectorSize()));
    }

    /** Writes {@code table} behind the given MBR (normally from {@link ProtectiveMbr#create}). */
    public static void write(BlockDevice dev, GptTable table, Mbr protectiveMbr) throws IOException {
        int ss = dev.sectorSize();
        long diskSectors = dev.size() / ss;
        long arraySectors = table.arraySectorsExact(ss);
        long lastLba = diskSectors - 1;
        long backupEntriesLba = lastLba - arraySectors;
        check(table, 2 + arraySectors, backupEntriesLba - 1, diskSectors);

        byte[] array = GptEntriesCodec.encode(table.entries(), table.entrySize());
        byte[] paddedArray = new byte[Math.toIntExact(arraySectors * ss)];
        System.arraycopy(array, 0, paddedArray, 0, array.length);
        long arrayCrc = GptHeaderCodec.crc32(array);
        GptHeader primary = new GptHeader(GptHeader.REVISION_1_0, GptHeader.SIZE, 1, lastLba, table.firstUsableLba(),
                table.lastUsableLba(), table.diskGuid(), 2, table.entryCount(), table.entrySize(), arrayCrc);
        GptHeader backup = new GptHeader(GptHeader.REVISION_1_0, GptHeader.SIZE, lastLba, 1, table.firstUsableLba(),
                table.lastUsableLba(), table.diskGuid(), backupEntriesLba, table.entryCount(), table.entrySize(), arrayCrc);

        MbrCodec.write(dev, protectiveMbr);
        dev.write(ss, ByteBuffer.wrap(GptHeaderCodec.encode(primary, ss)));
        dev.write(2L * ss, ByteBuffer.wrap(paddedArray));
        dev.write(backupEntriesLba * ss, ByteBuffer.wrap(paddedArray));
        dev.write(lastLba * ss, ByteBuffer.wrap(GptHeaderCodec.encode(backup, ss)));
        dev.flush();
    }

    private static void check(GptTable t, long minFirst, long maxLast, long diskSectors) {
        if (t.firstUsableLba() < minFirst || t.lastUsableLba() > maxLast || t.firstUsableLba() > t.lastUsableLba()) {
            throw new IllegalArgumentException("usable range " + t.firstUsableLba() + ".." + t.lastUsableLba()
                    + " must lie within " + minFirst + ".." + maxLast + " on a disk of " + diskSectors + " sectors");
        }
        for (int i = 0; i < t.entryCount(); i++) {
            GptPartition p = t.entries().get(i);
            if (p.isUsed() && (p.firstLba() < t.firstUsableLba() || p.lastLba() > t.lastUsableLba() || p.lastLba() < p.firstLba())) {
                throw new IllegalArgumentException("partition " + (i + 1) + " (" + p.firstLba() + ".." + p.lastLba()
                        + ") outside the usable range " + t.firstUsableLba() + ".." + t.lastUsableLba());
            }
        }
    }
}
