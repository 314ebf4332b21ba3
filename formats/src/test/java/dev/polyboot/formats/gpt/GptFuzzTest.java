package dev.polyboot.formats.gpt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.MemoryBlockDevice;
import dev.polyboot.formats.part.PartitionTables;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile GPT disks. Every input is read twice: as given, and with its CRCs repaired, so that mutations get
 * past the checksums to the bounds and range checks behind them. Only {@link FormatException}s may escape.
 */
@Tag("fuzz")
class GptFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void gptDisk(byte[] image) throws Exception {
        readAll(image);
        readAll(withRepairedCrcs(image));
    }

    private static void readAll(byte[] image) throws Exception {
        MemoryBlockDevice dev = MemoryBlockDevice.of(image);
        try {
            PartitionTables.read(dev);
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
        try {
            GptReadResult r = GptReader.read(dev);
            GptVerifier.verify(r.table(), dev.size() / dev.sectorSize(), dev.sectorSize());
        } catch (FormatException expected) {
            // hostile input correctly refused
        }
        GptVerifier.verify(dev);
    }

    /** Recomputes the array and header CRCs of both headers wherever the header's own fields allow it. */
    static byte[] withRepairedCrcs(byte[] in) {
        byte[] image = in.clone();
        long sectors = image.length / 512;
        if (sectors < 3) return image;
        for (long lba : new long[] {1, sectors - 1}) {
            ByteBuffer h = ByteBuffer.wrap(image, (int) lba * 512, 512).slice().order(ByteOrder.LITTLE_ENDIAN);
            long headerSize = Integer.toUnsignedLong(h.getInt(GptHeader.HEADER_SIZE));
            long entriesLba = h.getLong(GptHeader.ENTRIES_LBA);
            long count = Integer.toUnsignedLong(h.getInt(GptHeader.ENTRY_COUNT));
            long size = Integer.toUnsignedLong(h.getInt(GptHeader.ENTRY_SIZE));
            if (entriesLba >= 0 && entriesLba < sectors && count <= 1 << 20 && size <= 1 << 20
                    && count * size <= image.length - entriesLba * 512) {
                CRC32 crc = new CRC32();
                crc.update(image, (int) (entriesLba * 512), (int) (count * size));
                h.putInt(GptHeader.ENTRIES_CRC, (int) crc.getValue());
            }
            if (headerSize >= GptHeader.SIZE && headerSize <= 512) {
                h.putInt(GptHeader.HEADER_CRC, 0);
                byte[] header = new byte[(int) headerSize];
                h.get(0, header);
                CRC32 crc = new CRC32();
                crc.update(header);
                h.putInt(GptHeader.HEADER_CRC, (int) crc.getValue());
            }
        }
        return image;
    }

    static Stream<Arguments> seeds() throws Exception {
        return Stream.of(Arguments.of((Object) new byte[0]), Arguments.of((Object) smallGpt()));
    }

    /** 16 sectors, a 4-entry array (one sector), three partitions: small enough for the fuzzer to mutate well. */
    static byte[] smallGpt() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice(16 * 512);
        List<GptPartition> entries = List.of(
                GptPartition.of(GptTypes.BASIC_DATA, new UUID(1, 1), 3, 6, GptPartition.ATTR_MS_NO_AUTOMOUNT, "data"),
                GptPartition.of(GptTypes.EFI_SYSTEM, new UUID(2, 2), 7, 10, GptPartition.ATTR_LEGACY_BIOS_BOOTABLE, "ESP"),
                GptPartition.UNUSED,
                GptPartition.of(GptTypes.BIOS_BOOT, new UUID(3, 3), 11, 13, 0, "b"));
        GptWriter.write(dev, new GptTable(new UUID(7, 7), 3, 13, GptPartition.SIZE, entries), new byte[440]);
        return dev.bytes();
    }
}
