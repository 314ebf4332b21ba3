package dev.polyboot.formats.udf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A small UDF 1.02 volume with 512-byte blocks, built here for fuzz seeds and for structures genisoimage never
 * writes (extended file entries, long_ads, holes, in-ICB directories, continuation extents). Partition 0 starts at
 * sector {@link #PARTITION_START}; its blocks:
 * 0 FSD, 1 root FE, 2 root FIDs, 3 FE hello.txt, 4 its data, 5 EFE Sub (FIDs embedded), 6 FE Sub/L\u00f4ng \u2713.bin
 * (16-bit name; long_ads: 512 recorded, 512 hole, 100 recorded), 7 FE embedded.txt (data in the ICB), 8–9 its data.
 */
public final class TinyUdf {
    static final int BS = 512;
    static final int PARTITION_START = 262;
    static final int PARTITION_BLOCKS = 16;
    static final int SECTORS = PARTITION_START + PARTITION_BLOCKS;
    public static final String LONG_NAME = "L\u00f4ng \u2713.bin"; // 16-bit OSTA name
    static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    private TinyUdf() {}

    public static byte[] build() {
        ByteBuffer img = ByteBuffer.allocate(SECTORS * BS).order(ByteOrder.LITTLE_ENDIAN);
        int s = 256 * BS; // anchor
        img.putInt(s + 16, 4 * BS).putInt(s + 20, 257).putInt(s + 24, 4 * BS).putInt(s + 28, 257);
        tag(img, s, DescriptorTag.ANCHOR, 256, BS - 16);
        s = 257 * BS; // primary volume descriptor
        dstring(img, s + 24, 32, "TINYVOL");
        tag(img, s, DescriptorTag.PRIMARY_VOLUME, 257, BS - 16);
        s = 258 * BS; // partition descriptor 0
        img.putShort(s + 20, (short) 1).putShort(s + 22, (short) 0);
        img.put(s + 25, "+NSR02".getBytes(StandardCharsets.US_ASCII));
        img.putInt(s + 184, 1).putInt(s + 188, PARTITION_START).putInt(s + 192, PARTITION_BLOCKS);
        tag(img, s, DescriptorTag.PARTITION, 258, BS - 16);
        s = 259 * BS; // logical volume descriptor
        dstring(img, s + 84, 128, "Tiny Logical");
        img.putInt(s + 212, BS);
        img.put(s + 217, "*OSTA UDF Compliant".getBytes(StandardCharsets.US_ASCII));
        img.putShort(s + 240, (short) 0x0102);
        longAd(img, s + 248, BS, 0, 0);
        img.putInt(s + 264, 6).putInt(s + 268, 1);
        img.put(s + 440, (byte) 1).put(s + 441, (byte) 6).putShort(s + 442, (short) 1).putShort(s + 444, (short) 0);
        tag(img, s, DescriptorTag.LOGICAL_VOLUME, 259, BS - 16);
        tag(img, 260 * BS, DescriptorTag.TERMINATING, 260, BS - 16);

        s = block(0); // file set descriptor
        dstring(img, s + 304, 32, "TinySet");
        longAd(img, s + 400, BS, 1, 0);
        tag(img, s, DescriptorTag.FILE_SET, 0, BS - 16);

        int dirLength = fids(img, block(2), 2, new Object[][] {
                {"", FileIdentifier.PARENT | FileIdentifier.DIRECTORY, 1}, {"hello.txt", 0, 3},
                {"Sub", FileIdentifier.DIRECTORY, 5}, {"embedded.txt", 0, 7}});
        fileEntry(img, 1, FileEntry.TYPE_DIRECTORY, FileEntry.AD_SHORT, dirLength, shortAd(dirLength, 2));
        fileEntry(img, 3, FileEntry.TYPE_FILE, FileEntry.AD_SHORT, HELLO.length, shortAd(HELLO.length, 4));
        img.put(block(4), HELLO);

        ByteBuffer sub = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        int subLength = fids(sub, 0, 5, new Object[][] {{"", FileIdentifier.PARENT | FileIdentifier.DIRECTORY, 1}, {LONG_NAME, 0, 6}});
        byte[] subBytes = new byte[subLength];
        sub.get(0, subBytes);
        extendedFileEntry(img, 5, FileEntry.TYPE_DIRECTORY, subBytes);

        ByteBuffer ads = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        longAd(ads, 0, BS, 8, 0);
        ads.putInt(16, (AllocationDescriptor.UNALLOCATED << 30) | BS);
        longAd(ads, 32, 100, 9, 0);
        fileEntry(img, 6, FileEntry.TYPE_FILE, FileEntry.AD_LONG, 2 * BS + 100, ads.array());
        for (int i = 0; i < BS; i++) img.put(block(8) + i, (byte) i);
        for (int i = 0; i < 100; i++) img.put(block(9) + i, (byte) (255 - i));
        fileEntry(img, 7, FileEntry.TYPE_FILE, FileEntry.AD_EMBEDDED, 4, "tiny".getBytes(StandardCharsets.US_ASCII));
        return img.array();
    }

    static int block(int b) {
        return (PARTITION_START + b) * BS;
    }

    static byte[] shortAd(long length, long block) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) length).putInt(4, (int) block).array();
    }

    static void longAd(ByteBuffer b, int at, long length, long block, int partition) {
        b.putInt(at, (int) length).putInt(at + 4, (int) block).putShort(at + 8, (short) partition);
    }

    static void fileEntry(ByteBuffer img, int block, int fileType, int adType, long length, byte[] ads) {
        int s = block(block);
        img.putShort(s + 20, (short) 4).put(s + 27, (byte) fileType).putShort(s + 34, (short) adType);
        img.putShort(s + 48, (short) 1).putLong(s + 56, length);
        stamp(img, s + 84);
        img.putInt(s + 172, ads.length).put(s + 176, ads);
        tag(img, s, DescriptorTag.FILE_ENTRY, block, 176 + ads.length - 16);
    }

    static void extendedFileEntry(ByteBuffer img, int block, int fileType, byte[] embedded) {
        int s = block(block);
        img.putShort(s + 20, (short) 4).put(s + 27, (byte) fileType).putShort(s + 34, (short) FileEntry.AD_EMBEDDED);
        img.putShort(s + 48, (short) 1).putLong(s + 56, embedded.length).putLong(s + 64, embedded.length);
        stamp(img, s + 92);
        img.putInt(s + 212, embedded.length).put(s + 216, embedded);
        tag(img, s, DescriptorTag.EXTENDED_FILE_ENTRY, block, 216 + embedded.length - 16);
    }

    /** Writes FIDs {name, characteristics, icb block} from {@code at}; returns their total length. */
    static int fids(ByteBuffer b, int at, int location, Object[][] entries) {
        int p = at;
        for (Object[] e : entries) {
            byte[] name = osta((String) e[0]);
            int size = (38 + name.length + 3) & ~3;
            b.putShort(p + 16, (short) 1).put(p + 18, (byte) (int) (Integer) e[1]).put(p + 19, (byte) name.length);
            longAd(b, p + 20, BS, (Integer) e[2], 0);
            b.put(p + 38, name);
            tag(b, p, DescriptorTag.FILE_IDENTIFIER, location, size - 16);
            p += size;
        }
        return p - at;
    }

    /** OSTA compressed Unicode: ID 8 with Latin-1 bytes when every character fits, else ID 16 with UTF-16BE. */
    static byte[] osta(String s) {
        if (s.isEmpty()) return new byte[0];
        boolean latin1 = s.chars().allMatch(c -> c < 256);
        byte[] units = s.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16BE);
        byte[] out = new byte[units.length + 1];
        out[0] = (byte) (latin1 ? 8 : 16);
        System.arraycopy(units, 0, out, 1, units.length);
        return out;
    }

    static void stamp(ByteBuffer b, int at) {
        b.putShort(at, (short) 0x1000).putShort(at + 2, (short) 2024).put(at + 4, (byte) 5).put(at + 5, (byte) 17)
                .put(at + 6, (byte) 12).put(at + 7, (byte) 34).put(at + 8, (byte) 56);
    }

    static void dstring(ByteBuffer b, int at, int size, String s) {
        byte[] v = ("\u0008" + s).getBytes(StandardCharsets.ISO_8859_1);
        b.put(at, v).put(at + size - 1, (byte) v.length);
    }

    /** Fills in identifier, version 2, CRC length, location, CRC and checksum of the tag at {@code at}. */
    static void tag(ByteBuffer b, int at, int identifier, long location, int crcLength) {
        b.putShort(at, (short) identifier).putShort(at + 2, (short) 2).putShort(at + 10, (short) crcLength).putInt(at + 12, (int) location);
        retag(b, at);
    }

    /** Recomputes CRC and checksum of an existing tag (its CRC length clipped to the buffer). */
    static void retag(ByteBuffer b, int at) {
        int crcLength = Math.min(Short.toUnsignedInt(b.getShort(at + 10)), b.limit() - at - 16);
        b.putShort(at + 8, (short) DescriptorTag.crc(b, at + 16, crcLength));
        int sum = 0;
        for (int i = 0; i < 16; i++) if (i != 4) sum += b.get(at + i) & 0xFF;
        b.put(at + 4, (byte) sum);
    }
}
