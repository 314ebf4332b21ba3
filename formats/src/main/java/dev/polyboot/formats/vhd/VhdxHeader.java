package dev.polyboot.formats.vhd;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.gpt.Guids;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * One of the two 4 KiB VHDX headers at 64 KiB and 128 KiB ([MS-VHDX] 2.2.2.1), little-endian, with its decoder.
 * The one with the higher sequence number among the valid ones is current.
 */
public record VhdxHeader(long offset, long sequenceNumber, UUID fileWriteGuid, UUID dataWriteGuid, UUID logGuid,
                         int logVersion, int version, long logLength, long logOffset) {
    public static final int SIZE = 4096;
    public static final long FIRST_OFFSET = 64 << 10;
    public static final long SECOND_OFFSET = 128 << 10;
    static final int SIGNATURE = 0;
    static final int CHECKSUM = 4;
    static final int SEQUENCE_NUMBER = 8;
    static final int FILE_WRITE_GUID = 16;
    static final int DATA_WRITE_GUID = 32;
    static final int LOG_GUID = 48;
    static final int LOG_VERSION = 64;
    static final int VERSION = 66;
    static final int LOG_LENGTH = 68;
    static final int LOG_OFFSET = 72;
    static final long SIGNATURE_HEAD = 0x64616568L; // "head" read little-endian

    public VhdxHeader {
        Objects.requireNonNull(fileWriteGuid, "fileWriteGuid");
        Objects.requireNonNull(dataWriteGuid, "dataWriteGuid");
        Objects.requireNonNull(logGuid, "logGuid");
    }

    /** A non-zero log GUID means the log holds entries to replay; polyboot never replays, it only reports. */
    public boolean hasPendingLog() {
        return !logGuid.equals(Guids.ZERO);
    }

    public static VhdxHeader decode(byte[] header, long at) throws CorruptStructureException {
        String structure = "VHDX header";
        if (header.length != SIZE) throw new CorruptStructureException(structure, at, "length", SIZE, header.length);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long signature = Unsigned.u32(b, SIGNATURE);
        if (signature != SIGNATURE_HEAD) {
            throw new CorruptStructureException(structure, at, "signature", "\"head\"", String.format("0x%08x", signature));
        }
        checkCrc32c(header, CHECKSUM, structure, at);
        int version = Unsigned.u16(b, VERSION);
        if (version != 1) throw new CorruptStructureException(structure, at + VERSION, "version", 1, version);
        return new VhdxHeader(at, b.getLong(SEQUENCE_NUMBER), Guids.read(b, FILE_WRITE_GUID), Guids.read(b, DATA_WRITE_GUID),
                Guids.read(b, LOG_GUID), Unsigned.u16(b, LOG_VERSION), version, Unsigned.u32(b, LOG_LENGTH),
                b.getLong(LOG_OFFSET));
    }

    /** CRC-32C (Castagnoli) of the whole structure with its checksum field taken as zero ([MS-VHDX] 2.2.2). */
    static void checkCrc32c(byte[] structure, int checksumAt, String name, long at) throws CorruptStructureException {
        ByteBuffer b = ByteBuffer.wrap(structure).order(ByteOrder.LITTLE_ENDIAN);
        long stored = Unsigned.u32(b, checksumAt);
        CRC32C crc = new CRC32C();
        crc.update(structure, 0, checksumAt);
        crc.update(new byte[4]);
        crc.update(structure, checksumAt + 4, structure.length - checksumAt - 4);
        if (crc.getValue() != stored) {
            throw new CorruptStructureException(name, at + checksumAt, "CRC-32C", VhdFooterCodec.hex(crc.getValue()),
                    VhdFooterCodec.hex(stored));
        }
    }
}
