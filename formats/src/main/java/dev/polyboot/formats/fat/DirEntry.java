package dev.polyboot.formats.fat;

import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;

/**
 * A 32-byte short (8.3) directory entry (fatgen103 section 6). Every byte is a field, so encoding a
 * decoded entry gives the same bytes back.
 */
record DirEntry(byte[] name, int attr, int ntCase, int createTenths, int createTime, int createDate, int accessDate,
                int clusterHigh, int writeTime, int writeDate, int clusterLow, long size) {
    static final int SIZE = 32;
    static final int OFF_NAME = 0;
    static final int OFF_ATTR = 11;
    static final int OFF_NT_CASE = 12;
    static final int OFF_CREATE_TENTHS = 13;
    static final int OFF_CREATE_TIME = 14;
    static final int OFF_CREATE_DATE = 16;
    static final int OFF_ACCESS_DATE = 18;
    static final int OFF_CLUSTER_HIGH = 20;
    static final int OFF_WRITE_TIME = 22;
    static final int OFF_WRITE_DATE = 24;
    static final int OFF_CLUSTER_LOW = 26;
    static final int OFF_SIZE = 28;

    static final int ATTR_READ_ONLY = 0x01;
    static final int ATTR_HIDDEN = 0x02;
    static final int ATTR_SYSTEM = 0x04;
    static final int ATTR_VOLUME_ID = 0x08;
    static final int ATTR_DIRECTORY = 0x10;
    static final int ATTR_ARCHIVE = 0x20;
    static final int ATTR_LONG_NAME = 0x0F;
    /** Windows NT keeps the case of all-lowercase 8.3 parts in these bits instead of writing a long name. */
    static final int CASE_LOWER_BASE = 0x08;
    static final int CASE_LOWER_EXT = 0x10;

    static final int FREE = 0xE5;
    static final int END = 0x00;

    static DirEntry decode(byte[] b, int off) {
        ByteBuffer bb = ByteBuffer.wrap(b, off, SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = new byte[11];
        bb.get(OFF_NAME, name);
        return new DirEntry(name, Unsigned.u8(bb, OFF_ATTR), Unsigned.u8(bb, OFF_NT_CASE), Unsigned.u8(bb, OFF_CREATE_TENTHS),
                Unsigned.u16(bb, OFF_CREATE_TIME), Unsigned.u16(bb, OFF_CREATE_DATE), Unsigned.u16(bb, OFF_ACCESS_DATE),
                Unsigned.u16(bb, OFF_CLUSTER_HIGH), Unsigned.u16(bb, OFF_WRITE_TIME), Unsigned.u16(bb, OFF_WRITE_DATE),
                Unsigned.u16(bb, OFF_CLUSTER_LOW), Unsigned.u32(bb, OFF_SIZE));
    }

    byte[] encode() {
        ByteBuffer bb = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(OFF_NAME, name);
        Unsigned.putU8(bb, OFF_ATTR, attr);
        Unsigned.putU8(bb, OFF_NT_CASE, ntCase);
        Unsigned.putU8(bb, OFF_CREATE_TENTHS, createTenths);
        Unsigned.putU16(bb, OFF_CREATE_TIME, createTime);
        Unsigned.putU16(bb, OFF_CREATE_DATE, createDate);
        Unsigned.putU16(bb, OFF_ACCESS_DATE, accessDate);
        Unsigned.putU16(bb, OFF_CLUSTER_HIGH, clusterHigh);
        Unsigned.putU16(bb, OFF_WRITE_TIME, writeTime);
        Unsigned.putU16(bb, OFF_WRITE_DATE, writeDate);
        Unsigned.putU16(bb, OFF_CLUSTER_LOW, clusterLow);
        Unsigned.putU32(bb, OFF_SIZE, size);
        return bb.array();
    }

    /** A new entry stamped with {@code now} for creation, access and modification. */
    static DirEntry create(byte[] name, int attr, int ntCase, long cluster, long size, LocalDateTime now) {
        int date = DosTime.date(now);
        int time = DosTime.time(now);
        return new DirEntry(name, attr, ntCase, DosTime.tenths(now), time, date, date,
                (int) (cluster >>> 16), time, date, (int) (cluster & 0xFFFF), size);
    }

    boolean isLongName() {
        return (attr & 0x3F) == ATTR_LONG_NAME;
    }

    boolean isDirectory() {
        return (attr & ATTR_DIRECTORY) != 0;
    }

    boolean isVolumeLabel() {
        return (attr & ATTR_VOLUME_ID) != 0 && !isLongName();
    }

    /** First cluster; FAT16 has no high word (some systems keep other data there). */
    long firstCluster(int fatBits) {
        return fatBits == 32 ? ((long) clusterHigh << 16) | clusterLow : clusterLow;
    }

    DirEntry withCluster(long cluster) {
        return new DirEntry(name, attr, ntCase, createTenths, createTime, createDate, accessDate, (int) (cluster >>> 16),
                writeTime, writeDate, (int) (cluster & 0xFFFF), size);
    }

    DirEntry withName(byte[] newName, int newCase) {
        return new DirEntry(newName, attr, newCase, createTenths, createTime, createDate, accessDate, clusterHigh,
                writeTime, writeDate, clusterLow, size);
    }

    LocalDateTime modified() {
        return DosTime.decode(writeDate, writeTime);
    }
}
