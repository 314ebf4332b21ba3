package dev.polyboot.formats.exfat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * Entry type codes and the fixed-size critical/benign primary entries of the root directory (exFAT spec §6, §7.1–7.5).
 * Every entry is 32 bytes; bit 7 of the type is InUse, bit 6 TypeCategory (secondary), bit 5 TypeImportance (benign).
 */
final class DirectoryEntries {
    static final int SIZE = 32;
    static final int END_OF_DIRECTORY = 0x00;
    static final int BITMAP = 0x81;
    static final int UPCASE = 0x82;
    static final int VOLUME_LABEL = 0x83;
    static final int FILE = 0x85;
    static final int VOLUME_GUID = 0xA0;
    static final int STREAM_EXTENSION = 0xC0;
    static final int FILE_NAME = 0xC1;
    static final int IN_USE = 0x80;
    static final int SECONDARY = 0x40;

    /** Offsets shared by the bitmap and up-case entries (§7.1, §7.2). */
    static final int FIRST_CLUSTER = 20;
    static final int DATA_LENGTH = 24;
    static final int BITMAP_FLAGS = 1;
    static final int TABLE_CHECKSUM = 4;
    static final int LABEL_CHARACTER_COUNT = 1;
    static final int LABEL = 2;
    static final int GUID_PRIMARY_FLAGS = 4;
    static final int GUID = 6;

    private DirectoryEntries() {}

    static ByteBuffer le(byte[] entry) {
        return ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] bitmap(long firstCluster, long length) {
        byte[] e = new byte[SIZE];
        le(e).put(0, (byte) BITMAP).putInt(FIRST_CLUSTER, (int) firstCluster).putLong(DATA_LENGTH, length);
        return e;
    }

    static byte[] upcase(long checksum, long firstCluster, long length) {
        byte[] e = new byte[SIZE];
        le(e).put(0, (byte) UPCASE).putInt(TABLE_CHECKSUM, (int) checksum).putInt(FIRST_CLUSTER, (int) firstCluster)
                .putLong(DATA_LENGTH, length);
        return e;
    }

    static byte[] volumeLabel(String label) {
        byte[] e = new byte[SIZE];
        ByteBuffer b = le(e).put(0, (byte) VOLUME_LABEL).put(LABEL_CHARACTER_COUNT, (byte) label.length());
        for (int i = 0; i < label.length(); i++) b.putChar(LABEL + 2 * i, label.charAt(i));
        return e;
    }

    /** A Volume GUID entry (§7.5): a benign primary with no secondaries, so its set checksum covers itself only. */
    static byte[] volumeGuid(UUID guid) {
        byte[] e = new byte[SIZE];
        ByteBuffer b = le(e).put(0, (byte) VOLUME_GUID);
        // GUIDs are stored in Microsoft's mixed-endian form: the first three fields little-endian.
        long msb = guid.getMostSignificantBits();
        b.putInt(GUID, (int) (msb >>> 32)).putShort(GUID + 4, (short) (msb >>> 16)).putShort(GUID + 6, (short) msb);
        ByteBuffer.wrap(e, GUID + 8, 8).order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits());
        b.putShort(2, (short) Checksums.entrySet(e, 0, SIZE));
        return e;
    }
}
