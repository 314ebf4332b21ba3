package dev.polyboot.formats.gpt;

import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The partition entry array: {@code count} slots of {@code entrySize} bytes, each starting with a {@link GptPartition}. */
public final class GptEntriesCodec {
    private GptEntriesCodec() {}

    /** @param arrayOffset byte offset of the array on the disk, for error messages */
    public static List<GptPartition> decode(byte[] array, int count, int entrySize, long arrayOffset)
            throws CorruptStructureException {
        if ((long) count * entrySize > array.length || entrySize < GptPartition.SIZE) {
            throw new IllegalArgumentException("array of " + array.length + " bytes cannot hold " + count + " x " + entrySize);
        }
        ByteBuffer b = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        List<GptPartition> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(decodeEntry(b, i * entrySize, i, arrayOffset));
        }
        return out;
    }

    static GptPartition decodeEntry(ByteBuffer b, int at, int index, long arrayOffset) throws CorruptStructureException {
        long first = b.getLong(at + GptPartition.FIRST_LBA);
        long last = b.getLong(at + GptPartition.LAST_LBA);
        var type = Guids.read(b, at + GptPartition.TYPE_GUID);
        if (!type.equals(Guids.ZERO) && (first < 0 || last < 0)) {
            throw new CorruptStructureException("GPT partition entry " + (index + 1), arrayOffset + at + GptPartition.FIRST_LBA,
                    "first/last LBA", "below 2^63", Long.toUnsignedString(first) + ".." + Long.toUnsignedString(last));
        }
        char[] name = new char[GptPartition.NAME_CHARS];
        int len = 0;
        while (len < GptPartition.NAME_CHARS) {
            char c = b.getChar(at + GptPartition.NAME + 2 * len);
            if (c == 0) break;
            name[len++] = c;
        }
        return new GptPartition(type, Guids.read(b, at + GptPartition.UNIQUE_GUID), first, last,
                b.getLong(at + GptPartition.ATTRIBUTES), new String(name, 0, len));
    }

    public static byte[] encode(List<GptPartition> entries, int entrySize) {
        byte[] array = new byte[Math.multiplyExact(entries.size(), entrySize)];
        ByteBuffer b = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < entries.size(); i++) {
            GptPartition p = entries.get(i);
            int at = i * entrySize;
            Guids.write(b, at + GptPartition.TYPE_GUID, p.typeGuid());
            Guids.write(b, at + GptPartition.UNIQUE_GUID, p.uniqueGuid());
            b.putLong(at + GptPartition.FIRST_LBA, p.firstLba());
            b.putLong(at + GptPartition.LAST_LBA, p.lastLba());
            b.putLong(at + GptPartition.ATTRIBUTES, p.attributes());
            for (int c = 0; c < p.name().length(); c++) {
                b.putChar(at + GptPartition.NAME + 2 * c, p.name().charAt(c));
            }
        }
        return array;
    }
}
