package dev.polyboot.formats.iso;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.UnsupportedLayoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * ECMA-119 8.4 primary and 8.5 supplementary volume descriptor (same layout; {@code type} tells which). In a Joliet
 * supplementary descriptor (escape sequence %/@, %/C or %/E) the identifiers are UCS-2 big-endian.
 *
 * @param volumeSpaceBlocks volume space size in logical blocks
 * @param root              the root directory's record (bytes 156..189)
 */
public record PrimaryVolumeDescriptor(long offset, int type, int flags, String systemId, String volumeId,
                                      long volumeSpaceBlocks, int jolietLevel, int volumeSetSize,
                                      int volumeSequenceNumber, int logicalBlockSize, long pathTableSize,
                                      DirectoryRecord root, String volumeSetId, String publisherId,
                                      String dataPreparerId, String applicationId, String copyrightFileId,
                                      String abstractFileId, String bibliographicFileId, OffsetDateTime created,
                                      OffsetDateTime modified, OffsetDateTime expires, OffsetDateTime effective,
                                      int fileStructureVersion) {
    static final int FLAGS = 7;
    static final int SYSTEM_ID = 8;
    static final int VOLUME_ID = 40;
    static final int VOLUME_SPACE_SIZE = 80;
    static final int ESCAPE_SEQUENCES = 88;
    static final int VOLUME_SET_SIZE = 120;
    static final int VOLUME_SEQUENCE_NUMBER = 124;
    static final int LOGICAL_BLOCK_SIZE = 128;
    static final int PATH_TABLE_SIZE = 132;
    static final int ROOT_RECORD = 156;
    static final int VOLUME_SET_ID = 190;
    static final int PUBLISHER_ID = 318;
    static final int DATA_PREPARER_ID = 446;
    static final int APPLICATION_ID = 574;
    static final int COPYRIGHT_FILE_ID = 702;
    static final int ABSTRACT_FILE_ID = 739;
    static final int BIBLIOGRAPHIC_FILE_ID = 776;
    static final int CREATED = 813;
    static final int MODIFIED = 830;
    static final int EXPIRES = 847;
    static final int EFFECTIVE = 864;
    static final int FILE_STRUCTURE_VERSION = 881;

    public boolean isJoliet() {
        return jolietLevel > 0;
    }

    public long volumeSpaceBytes() {
        return volumeSpaceBlocks * logicalBlockSize;
    }

    static PrimaryVolumeDescriptor decode(ByteBuffer sector, long offset, int type, Findings findings)
            throws FormatException {
        ByteBuffer b = sector.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        String where = (type == VolumeDescriptor.TYPE_PRIMARY ? "primary" : "supplementary") + " volume descriptor";
        int joliet = type == VolumeDescriptor.TYPE_SUPPLEMENTARY ? jolietLevel(b) : 0;
        int blockSize = BothEndian.u16(b, LOGICAL_BLOCK_SIZE, where + " logical block size", findings);
        // ECMA-119 allows any power of two from 512; a logical block larger than the 2048-byte sector is not a CD.
        if (blockSize != 512 && blockSize != 1024 && blockSize != 2048) {
            throw new UnsupportedLayoutException(where, offset + LOGICAL_BLOCK_SIZE, "logical block size",
                    "512, 1024 or 2048", blockSize);
        }
        long spaceBlocks = BothEndian.u32(b, VOLUME_SPACE_SIZE, where + " volume space size", findings);
        int rootLen = Byte.toUnsignedInt(b.get(ROOT_RECORD));
        if (rootLen != DirectoryRecord.MIN_SIZE) {
            throw new CorruptStructureException(where, offset + ROOT_RECORD, "root directory record length",
                    DirectoryRecord.MIN_SIZE, rootLen);
        }
        DirectoryRecord root = DirectoryRecord.decode(b, ROOT_RECORD, DirectoryRecord.MIN_SIZE, offset + ROOT_RECORD,
                findings);
        if (!root.isDirectory()) {
            findings.corrupt(where + " at " + offset + ": root directory record lacks the directory flag");
        }
        return new PrimaryVolumeDescriptor(offset, type, Byte.toUnsignedInt(b.get(FLAGS)),
                id(b, SYSTEM_ID, 32, joliet), id(b, VOLUME_ID, 32, joliet), spaceBlocks, joliet,
                BothEndian.u16(b, VOLUME_SET_SIZE, where + " volume set size", null),
                BothEndian.u16(b, VOLUME_SEQUENCE_NUMBER, where + " volume sequence number", null), blockSize,
                BothEndian.u32(b, PATH_TABLE_SIZE, where + " path table size", findings), root,
                id(b, VOLUME_SET_ID, 128, joliet), id(b, PUBLISHER_ID, 128, joliet),
                id(b, DATA_PREPARER_ID, 128, joliet), id(b, APPLICATION_ID, 128, joliet),
                id(b, COPYRIGHT_FILE_ID, 37, joliet), id(b, ABSTRACT_FILE_ID, 37, joliet),
                id(b, BIBLIOGRAPHIC_FILE_ID, 37, joliet), IsoTimestamps.volumeTime(b, CREATED),
                IsoTimestamps.volumeTime(b, MODIFIED), IsoTimestamps.volumeTime(b, EXPIRES),
                IsoTimestamps.volumeTime(b, EFFECTIVE), Byte.toUnsignedInt(b.get(FILE_STRUCTURE_VERSION)));
    }

    /** Joliet level from the escape sequences field (Joliet specification 1995, section 3): 0 when not Joliet. */
    static int jolietLevel(ByteBuffer b) {
        for (int i = ESCAPE_SEQUENCES; i + 2 < ESCAPE_SEQUENCES + 32; i++) {
            if (b.get(i) == '%' && b.get(i + 1) == '/') {
                switch (b.get(i + 2)) {
                    case '@': return 1;
                    case 'C': return 2;
                    case 'E': return 3;
                    default: break;
                }
            }
        }
        return 0;
    }

    /** Identifier field: a/d-characters (ISO-8859-1 for tolerance) or UCS-2 BE in Joliet, trailing blanks cut. */
    static String id(ByteBuffer b, int index, int len, int joliet) {
        byte[] raw = new byte[len];
        b.get(index, raw);
        String s = joliet > 0
                ? new String(raw, 0, len & ~1, StandardCharsets.UTF_16BE)
                : new String(raw, StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) end--;
        return s.substring(0, end);
    }
}
