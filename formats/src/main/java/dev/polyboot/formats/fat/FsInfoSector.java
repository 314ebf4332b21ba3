package dev.polyboot.formats.fat;

import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** FAT32 FSInfo sector (fatgen103 section 5): free-cluster count and next-free hint, both advisory. */
record FsInfoSector(byte[] raw, long freeCount, long nextFree) {
    static final int SIZE = 512;
    static final int OFF_LEAD_SIG = 0;
    static final int OFF_STRUC_SIG = 484;
    static final int OFF_FREE_COUNT = 488;
    static final int OFF_NEXT_FREE = 492;
    static final int OFF_TRAIL_SIG = 508;
    static final long LEAD_SIG = 0x41615252L;
    static final long STRUC_SIG = 0x61417272L;
    static final long TRAIL_SIG = 0xAA550000L;
    static final long UNKNOWN = 0xFFFF_FFFFL;

    static FsInfoSector decode(ByteBuffer b) {
        byte[] raw = new byte[SIZE];
        b.duplicate().get(raw);
        ByteBuffer r = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return new FsInfoSector(raw, Unsigned.u32(r, OFF_FREE_COUNT), Unsigned.u32(r, OFF_NEXT_FREE));
    }

    boolean valid() {
        ByteBuffer r = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return Unsigned.u32(r, OFF_LEAD_SIG) == LEAD_SIG && Unsigned.u32(r, OFF_STRUC_SIG) == STRUC_SIG
                && Unsigned.u32(r, OFF_TRAIL_SIG) == TRAIL_SIG;
    }

    static FsInfoSector fresh(long freeCount, long nextFree) {
        ByteBuffer r = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        Unsigned.putU32(r, OFF_LEAD_SIG, LEAD_SIG);
        Unsigned.putU32(r, OFF_STRUC_SIG, STRUC_SIG);
        Unsigned.putU32(r, OFF_TRAIL_SIG, TRAIL_SIG);
        return new FsInfoSector(r.array(), freeCount, nextFree);
    }

    FsInfoSector with(long free, long next) {
        return new FsInfoSector(raw, free, next);
    }

    ByteBuffer encode() {
        ByteBuffer r = ByteBuffer.wrap(raw.clone()).order(ByteOrder.LITTLE_ENDIAN);
        Unsigned.putU32(r, OFF_FREE_COUNT, freeCount);
        Unsigned.putU32(r, OFF_NEXT_FREE, nextFree);
        return r;
    }
}
