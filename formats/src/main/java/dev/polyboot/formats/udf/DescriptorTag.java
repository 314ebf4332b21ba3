package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;

/**
 * The 16-byte tag that starts every UDF descriptor (ECMA-167 3/7.2), with its checks: tag checksum, descriptor
 * CRC (CRC-ITU-T, polynomial 0x1021, initial 0) over the bytes after the tag, and the recorded location.
 */
record DescriptorTag(int identifier, int version, int serial, int crcLength, long location) {
    static final int SIZE = 16;
    static final int PRIMARY_VOLUME = 1;
    static final int ANCHOR = 2;
    static final int POINTER = 3;
    static final int IMPLEMENTATION_USE = 4;
    static final int PARTITION = 5;
    static final int LOGICAL_VOLUME = 6;
    static final int UNALLOCATED_SPACE = 7;
    static final int TERMINATING = 8;
    static final int INTEGRITY = 9;
    static final int FILE_SET = 256;
    static final int FILE_IDENTIFIER = 257;
    static final int ALLOCATION_EXTENT = 258;
    static final int FILE_ENTRY = 261;
    static final int EXTENDED_FILE_ENTRY = 266;

    /** True when the tag checksum matches: cheap probe before trusting anything else in the block. */
    static boolean checksumOk(ByteBuffer b, int at) {
        if (b.limit() - at < SIZE) return false;
        int sum = 0;
        for (int i = 0; i < SIZE; i++) if (i != 4) sum += b.get(at + i) & 0xFF;
        return (sum & 0xFF) == Unsigned.u8(b, at + 4) && (b.get(at) != 0 || b.get(at + 1) != 0);
    }

    /**
     * Decodes and verifies the tag at {@code at} of a little-endian buffer holding the whole descriptor.
     *
     * @param expectedLocation the block the descriptor was read from (-1: not checked)
     * @param deviceOffset     where {@code b[at]} lies on the device, for messages
     */
    static DescriptorTag read(ByteBuffer b, int at, long expectedLocation, String structure, long deviceOffset)
            throws CorruptStructureException {
        if (b.limit() - at < SIZE) throw new CorruptStructureException(structure, deviceOffset, "descriptor tag", "16 bytes", b.limit() - at);
        if (!checksumOk(b, at)) {
            throw new CorruptStructureException(structure, deviceOffset + 4, "tag checksum", "sum of the tag bytes",
                    Unsigned.u8(b, at + 4));
        }
        DescriptorTag tag = new DescriptorTag(Unsigned.u16(b, at), Unsigned.u16(b, at + 2), Unsigned.u16(b, at + 6),
                Unsigned.u16(b, at + 10), Unsigned.u32(b, at + 12));
        if (tag.crcLength > b.limit() - at - SIZE) {
            throw new CorruptStructureException(structure, deviceOffset + 10, "descriptor CRC length",
                    "at most " + (b.limit() - at - SIZE), tag.crcLength);
        }
        int crc = crc(b, at + SIZE, tag.crcLength);
        int stored = Unsigned.u16(b, at + 8);
        if (crc != stored) {
            throw new CorruptStructureException(structure, deviceOffset + 8, "descriptor CRC", String.format("0x%04x", crc),
                    String.format("0x%04x", stored));
        }
        if (expectedLocation >= 0 && tag.location != expectedLocation) {
            throw new CorruptStructureException(structure, deviceOffset + 12, "tag location", expectedLocation, tag.location);
        }
        return tag;
    }

    /** Requires a specific descriptor type. */
    DescriptorTag expect(int wanted, String structure, long deviceOffset) throws CorruptStructureException {
        if (identifier != wanted) throw new CorruptStructureException(structure, deviceOffset, "tag identifier", wanted, identifier);
        return this;
    }

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int k = 0; k < 8; k++) c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            TABLE[i] = c & 0xFFFF;
        }
    }

    static int crc(ByteBuffer b, int from, int length) {
        int crc = 0;
        for (int i = from; i < from + length; i++) crc = (crc << 8 ^ TABLE[(crc >>> 8 ^ b.get(i)) & 0xFF]) & 0xFFFF;
        return crc;
    }
}
