package dev.polyboot.core.persistence;

import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * polyboot's mark in a persistence file: 512 bytes at byte {@link #OFFSET} of the file, inside the 1024 bytes ext4
 * leaves to a boot loader before its superblock (ext4 "Layout": group 0 padding) and never writes. The random id makes
 * the fingerprint ({@link PersistenceFingerprint}) of every persistence file its own, so that another file of the same
 * size is never taken for it. Layout (little endian): magic "POLYBOOT-PERSIST" (16 bytes) at 0, version u32 at 16,
 * id (16 bytes) at 20, file size u64 at 36, zeros to 512. The helper checks the magic (payload/src/helper/persist.c).
 */
public record PersistenceHeader(int version, byte[] id, long sizeBytes) {
    public static final int OFFSET = 512;
    public static final int SIZE = 512;
    public static final String MAGIC = "POLYBOOT-PERSIST";
    static final int OFF_MAGIC = 0;
    static final int OFF_VERSION = 16;
    static final int OFF_ID = 20;
    static final int OFF_SIZE = 36;
    public static final int VERSION = 1;

    public PersistenceHeader {
        Objects.requireNonNull(id, "id");
        if (id.length != 16) throw new IllegalArgumentException("id must be 16 bytes, not " + id.length);
        if (sizeBytes <= 0) throw new IllegalArgumentException("size " + sizeBytes);
        id = id.clone();
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(OFF_MAGIC, MAGIC.getBytes(StandardCharsets.US_ASCII));
        b.putInt(OFF_VERSION, version);
        b.put(OFF_ID, id);
        b.putLong(OFF_SIZE, sizeBytes);
        return b.array();
    }

    /** @param sector the 512 bytes at {@link #OFFSET} of the file */
    public static PersistenceHeader decode(byte[] sector) throws CorruptStructureException {
        if (sector.length != SIZE) throw new IllegalArgumentException("need " + SIZE + " bytes, not " + sector.length);
        byte[] magic = Arrays.copyOfRange(sector, OFF_MAGIC, OFF_MAGIC + 16);
        if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
            throw new CorruptStructureException("persistence header (not a file made by polyboot persistence create)", OFFSET,
                    "magic", MAGIC, HexFormat.of().formatHex(magic));
        }
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        long size = b.getLong(OFF_SIZE);
        if (size <= 0) throw new CorruptStructureException("persistence header", OFFSET + OFF_SIZE, "size", "> 0", size);
        return new PersistenceHeader(b.getInt(OFF_VERSION), Arrays.copyOfRange(sector, OFF_ID, OFF_ID + 16), size);
    }
}
