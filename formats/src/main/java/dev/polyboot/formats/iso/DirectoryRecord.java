package dev.polyboot.formats.iso;

import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.OffsetDateTime;

/**
 * ECMA-119 9.1 directory record. {@code name} and {@code systemUse} are the raw bytes (the name's meaning depends
 * on the tree: d-characters in the primary tree, UCS-2 big-endian in a Joliet tree); name 0x00 is "." and 0x01 "..".
 * {@code recordOffset} is where the record sits on the device, for messages.
 */
public record DirectoryRecord(long recordOffset, int length, int extAttrLength, long extentLba, long dataLength,
                              OffsetDateTime recorded, int flags, int fileUnitSize, int interleaveGap,
                              int volumeSequenceNumber, byte[] name, byte[] systemUse) {
    public static final int MIN_SIZE = 34;
    static final int LENGTH = 0;
    static final int EXT_ATTR_LENGTH = 1;
    static final int EXTENT = 2;
    static final int DATA_LENGTH = 10;
    static final int RECORDED = 18;
    static final int FLAGS = 25;
    static final int FILE_UNIT_SIZE = 26;
    static final int INTERLEAVE_GAP = 27;
    static final int VOLUME_SEQUENCE = 28;
    static final int NAME_LENGTH = 32;
    static final int NAME = 33;

    public static final int FLAG_HIDDEN = 0x01;
    public static final int FLAG_DIRECTORY = 0x02;
    public static final int FLAG_ASSOCIATED = 0x04;
    public static final int FLAG_MULTI_EXTENT = 0x80;

    public boolean isDirectory() { return (flags & FLAG_DIRECTORY) != 0; }
    public boolean isMultiExtent() { return (flags & FLAG_MULTI_EXTENT) != 0; }
    public boolean isSelf() { return name.length == 1 && name[0] == 0; }
    public boolean isParent() { return name.length == 1 && name[0] == 1; }

    /**
     * Decodes the record starting at {@code index} of {@code b}; {@code available} bytes remain in its sector.
     * The caller has checked that the length byte is not zero.
     */
    static DirectoryRecord decode(ByteBuffer b, int index, int available, long deviceOffset, Findings findings)
            throws CorruptStructureException {
        String where = "ISO 9660 directory record";
        int len = Byte.toUnsignedInt(b.get(index + LENGTH));
        if (len < MIN_SIZE || len > available) {
            throw new CorruptStructureException(where, deviceOffset, "length", MIN_SIZE + ".." + available, len);
        }
        int nameLen = Byte.toUnsignedInt(b.get(index + NAME_LENGTH));
        if (nameLen == 0 || NAME + nameLen > len) {
            throw new CorruptStructureException(where, deviceOffset, "file identifier length", "1.." + (len - NAME),
                    nameLen);
        }
        ByteBuffer r = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        String at = where + " at " + deviceOffset;
        long extent = BothEndian.u32(r, index + EXTENT, at + " extent location", findings);
        long dataLength = BothEndian.u32(r, index + DATA_LENGTH, at + " data length", findings);
        int volSeq = BothEndian.u16(r, index + VOLUME_SEQUENCE, at + " volume sequence number", null);
        byte[] name = new byte[nameLen];
        r.get(index + NAME, name);
        // A padding byte follows an even-length identifier so that the system use field starts on an even offset.
        int suStart = NAME + nameLen + ((nameLen & 1) == 0 ? 1 : 0);
        byte[] su = new byte[Math.max(0, len - suStart)];
        if (su.length > 0) r.get(index + suStart, su);
        return new DirectoryRecord(deviceOffset, len, Byte.toUnsignedInt(r.get(index + EXT_ATTR_LENGTH)), extent,
                dataLength, IsoTimestamps.recordTime(r, index + RECORDED), Byte.toUnsignedInt(r.get(index + FLAGS)),
                Byte.toUnsignedInt(r.get(index + FILE_UNIT_SIZE)), Byte.toUnsignedInt(r.get(index + INTERLEAVE_GAP)),
                volSeq, name, su);
    }
}
