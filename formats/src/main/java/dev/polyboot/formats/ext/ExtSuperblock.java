package dev.polyboot.formats.ext;

import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.StructureReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The fields of an ext2/3/4 superblock (1024 bytes at byte 1024 of the volume, little-endian; kernel docs
 * "ext4 Data Structures and Algorithms", "The Super Block") that tell which ext it is and what it is called.
 *
 * @param compat   s_feature_compat (0x5C)
 * @param incompat s_feature_incompat (0x60)
 * @param roCompat s_feature_ro_compat (0x64)
 * @param uuid     s_uuid (0x68), big-endian as e2fsprogs prints it
 * @param label    s_volume_name (0x78), up to 16 bytes, NUL-padded; "" for none
 */
public record ExtSuperblock(long compat, long incompat, long roCompat, UUID uuid, String label) {
    public static final int OFFSET = 1024;
    public static final int SIZE = 1024;
    static final int OFF_MAGIC = 0x38;
    static final int OFF_FEATURE_COMPAT = 0x5C;
    static final int OFF_FEATURE_INCOMPAT = 0x60;
    static final int OFF_FEATURE_RO_COMPAT = 0x64;
    static final int OFF_UUID = 0x68;
    static final int OFF_VOLUME_NAME = 0x78;
    static final int VOLUME_NAME_LENGTH = 16;
    static final int MAGIC = 0xEF53;
    static final long COMPAT_HAS_JOURNAL = 0x4;
    /** What ext3 understands (e2fsprogs' EXT3_FEATURE_*_SUPP); anything beyond makes it ext4, as blkid decides. */
    static final long EXT3_INCOMPAT = 0x2 | 0x4 | 0x10;
    static final long EXT3_RO_COMPAT = 0x1 | 0x2 | 0x4;

    /** "ext2", "ext3" or "ext4", as blkid names it. */
    public String type() {
        if ((incompat & ~EXT3_INCOMPAT) != 0 || (roCompat & ~EXT3_RO_COMPAT) != 0) return "ext4";
        return (compat & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
    }

    /** The superblock of the volume starting at byte 0 of {@code dev}; empty without the ext magic 0xEF53. */
    public static Optional<ExtSuperblock> read(BlockDevice dev) throws IOException {
        if (dev.size() < OFFSET + SIZE) return Optional.empty();
        return decode(StructureReads.read(dev, OFFSET, SIZE, ByteOrder.LITTLE_ENDIAN, "ext superblock"));
    }

    /** Decodes the 1024 superblock bytes at the buffer's position; empty without the magic. */
    public static Optional<ExtSuperblock> decode(ByteBuffer b) {
        ByteBuffer s = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (s.remaining() < SIZE || Unsigned.u16(s, OFF_MAGIC) != MAGIC) return Optional.empty();
        ByteBuffer u = s.slice(OFF_UUID, 16).order(ByteOrder.BIG_ENDIAN);
        UUID uuid = new UUID(u.getLong(0), u.getLong(8));
        byte[] name = new byte[VOLUME_NAME_LENGTH];
        s.get(OFF_VOLUME_NAME, name);
        int end = 0;
        while (end < name.length && name[end] != 0) end++;
        return Optional.of(new ExtSuperblock(Unsigned.u32(s, OFF_FEATURE_COMPAT), Unsigned.u32(s, OFF_FEATURE_INCOMPAT),
                Unsigned.u32(s, OFF_FEATURE_RO_COMPAT), uuid, new String(Arrays.copyOf(name, end), StandardCharsets.UTF_8)));
    }
}
