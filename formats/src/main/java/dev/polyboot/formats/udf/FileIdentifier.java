package dev.polyboot.formats.udf;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.Unsigned;
import java.nio.ByteBuffer;

/**
 * A file identifier descriptor (ECMA-167 4/14.4): one name in a directory and the ICB of its file entry.
 *
 * @param size bytes this descriptor takes in the directory, padding included
 */
record FileIdentifier(int characteristics, String name, AllocationDescriptor icb, int size) {
    static final int HEADER = 38;
    static final int HIDDEN = 1;
    static final int DIRECTORY = 2;
    static final int DELETED = 4;
    static final int PARENT = 8;

    boolean isParent() {
        return (characteristics & PARENT) != 0;
    }

    boolean isDeleted() {
        return (characteristics & DELETED) != 0;
    }

    /** Decodes the descriptor at {@code at} of a directory's content (little-endian), checking its tag. */
    static FileIdentifier decode(ByteBuffer dir, int at, long deviceOffset) throws CorruptStructureException {
        String structure = "UDF file identifier descriptor";
        if (dir.limit() - at < HEADER) {
            throw new CorruptStructureException(structure, deviceOffset, "length", "at least " + HEADER, dir.limit() - at);
        }
        int nameLength = Unsigned.u8(dir, at + 19);
        int iuLength = Unsigned.u16(dir, at + 36);
        int size = (HEADER + iuLength + nameLength + 3) & ~3;
        if (size > dir.limit() - at) {
            throw new CorruptStructureException(structure, deviceOffset + 36, "implementation use + name length",
                    "within the directory", iuLength + "+" + nameLength);
        }
        ByteBuffer one = dir.slice(at, size).order(dir.order());
        DescriptorTag tag = DescriptorTag.read(one, 0, -1, structure, deviceOffset);
        tag.expect(DescriptorTag.FILE_IDENTIFIER, structure, deviceOffset);
        String name = OstaStrings.decode(dir, at + HEADER + iuLength, nameLength, structure, deviceOffset + HEADER + iuLength);
        return new FileIdentifier(Unsigned.u8(dir, at + 18), name, AllocationDescriptor.longAd(dir, at + 20), size);
    }
}
