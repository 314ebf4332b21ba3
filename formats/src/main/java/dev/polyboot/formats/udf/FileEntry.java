package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A file entry (ECMA-167 4/14.9) or extended file entry (4/14.17) with its ICB tag (4/14.6): file type, how the
 * data is described (short/long allocation descriptors, or embedded in the entry), size and modification time.
 * Allocation descriptors of type NEXT (continuations into allocation extent descriptors) are kept in the list;
 * {@link UdfImage} follows them.
 *
 * @param embeddedAt device offset of the data when {@link #adType()} is {@link #AD_EMBEDDED}
 */
record FileEntry(long block, int partition, int fileType, int adType, long informationLength, LocalDateTime modified,
                 int linkCount, List<AllocationDescriptor> descriptors, long embeddedAt) {
    static final int TYPE_DIRECTORY = 4;
    static final int TYPE_FILE = 5;
    static final int TYPE_SYMLINK = 12;
    static final int AD_SHORT = 0;
    static final int AD_LONG = 1;
    static final int AD_EXTENDED = 2;
    static final int AD_EMBEDDED = 3;
    static final LocalDateTime NO_TIME = LocalDateTime.of(1970, 1, 1, 0, 0);
    static final String STRUCTURE = "UDF file entry";

    FileEntry {
        descriptors = List.copyOf(descriptors);
    }

    boolean isDirectory() {
        return fileType == TYPE_DIRECTORY;
    }

    /** @param b the whole block, tag already verified */
    static FileEntry decode(ByteBuffer b, int tagIdentifier, long block, int partition, long deviceOffset)
            throws CorruptStructureException, UnsupportedLayoutException {
        boolean extended = tagIdentifier == DescriptorTag.EXTENDED_FILE_ENTRY;
        int strategy = Unsigned.u16(b, 16 + 4);
        if (strategy != 4) {
            throw new UnsupportedLayoutException(STRUCTURE, deviceOffset + 20, "ICB strategy type", 4, strategy);
        }
        int fileType = Unsigned.u8(b, 16 + 11);
        int flags = Unsigned.u16(b, 16 + 18);
        int adType = flags & 7;
        long length = b.getLong(56);
        if (length < 0) throw new CorruptStructureException(STRUCTURE, deviceOffset + 56, "information length", "below 2^63",
                Long.toUnsignedString(length));
        int eaAt = extended ? 208 : 168;
        long eaLength = Unsigned.u32(b, eaAt);
        long adLength = Unsigned.u32(b, eaAt + 4);
        int header = eaAt + 8;
        if (eaLength > b.limit() - header || adLength > b.limit() - header - eaLength) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + eaAt, "extended attribute + descriptor lengths",
                    "within the block of " + b.limit(), eaLength + "+" + adLength);
        }
        int adAt = header + (int) eaLength;
        List<AllocationDescriptor> ads = new ArrayList<>();
        long embeddedAt = -1;
        switch (adType) {
            case AD_SHORT -> {
                for (int at = adAt; at + AllocationDescriptor.SHORT_SIZE <= adAt + adLength; at += AllocationDescriptor.SHORT_SIZE) {
                    ads.add(AllocationDescriptor.shortAd(b, at, partition));
                }
            }
            case AD_LONG -> {
                for (int at = adAt; at + AllocationDescriptor.LONG_SIZE <= adAt + adLength; at += AllocationDescriptor.LONG_SIZE) {
                    ads.add(AllocationDescriptor.longAd(b, at));
                }
            }
            case AD_EMBEDDED -> {
                if (length > adLength) {
                    throw new CorruptStructureException(STRUCTURE, deviceOffset + eaAt + 4, "embedded data length",
                            "at least the information length " + length, adLength);
                }
                embeddedAt = deviceOffset + adAt;
            }
            default -> throw new UnsupportedLayoutException(STRUCTURE, deviceOffset + 34, "allocation descriptor type",
                    "short, long or embedded", adType);
        }
        return new FileEntry(block, partition, fileType, adType, length, timestamp(b, extended ? 92 : 84),
                Unsigned.u16(b, 48), ads, embeddedAt);
    }

    /** ECMA-167 1/7.3 timestamp as the recorded local time; {@link #NO_TIME} when the fields are not a valid date. */
    static LocalDateTime timestamp(ByteBuffer b, int at) {
        try {
            int centis = Unsigned.u8(b, at + 9);
            int hundredMicros = Unsigned.u8(b, at + 10);
            int micros = Unsigned.u8(b, at + 11);
            long nanos = (centis * 10_000L + hundredMicros * 100L + micros) * 1000L;
            return LocalDateTime.of(b.getShort(at + 2), Unsigned.u8(b, at + 4), Unsigned.u8(b, at + 5), Unsigned.u8(b, at + 6),
                    Unsigned.u8(b, at + 7), Unsigned.u8(b, at + 8), nanos < 1_000_000_000L ? (int) nanos : 0);
        } catch (DateTimeException e) {
            return NO_TIME;
        }
    }
}
