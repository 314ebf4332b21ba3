package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A File directory entry with its Stream Extension, File Name entries and any further secondaries
 * (exFAT spec §7.4, §7.6, §7.7). The raw file and stream entries are kept so that renaming re-encodes every
 * byte we do not model (reserved fields, timestamps) unchanged; {@code extra} keeps unknown secondaries.
 */
record FileEntrySet(byte[] file, byte[] stream, String name, List<byte[]> extra) {
    static final String STRUCTURE = "exFAT file entry set";
    static final int NAME_CHARS_PER_ENTRY = 15;
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_SECONDARIES = 18;

    static final int SECONDARY_COUNT = 1;
    static final int SET_CHECKSUM = 2;
    static final int FILE_ATTRIBUTES = 4;
    static final int CREATE_TIMESTAMP = 8;
    static final int MODIFIED_TIMESTAMP = 12;
    static final int ACCESSED_TIMESTAMP = 16;
    static final int CREATE_10MS = 20;
    static final int MODIFIED_10MS = 21;
    static final int CREATE_UTC_OFFSET = 22;
    static final int MODIFIED_UTC_OFFSET = 23;
    static final int ACCESSED_UTC_OFFSET = 24;
    static final int ATTR_DIRECTORY = 0x10;
    static final int ATTR_ARCHIVE = 0x20;

    static final int STREAM_FLAGS = 1;
    static final int NAME_LENGTH = 3;
    static final int NAME_HASH = 4;
    static final int VALID_DATA_LENGTH = 8;
    static final int STREAM_FIRST_CLUSTER = 20;
    static final int STREAM_DATA_LENGTH = 24;
    static final int FLAG_ALLOCATION_POSSIBLE = 0x01;
    static final int FLAG_NO_FAT_CHAIN = 0x02;
    static final int NAME_FLAGS = 1;
    static final int NAME = 2;

    static FileEntrySet create(String name, boolean directory, DataStream data, ExfatTimestamp now, UpcaseTable upcase) {
        byte[] file = new byte[DirectoryEntries.SIZE];
        ByteBuffer f = DirectoryEntries.le(file).put(0, (byte) DirectoryEntries.FILE)
                .putShort(FILE_ATTRIBUTES, (short) (directory ? ATTR_DIRECTORY : ATTR_ARCHIVE));
        for (int ts : new int[] {CREATE_TIMESTAMP, MODIFIED_TIMESTAMP, ACCESSED_TIMESTAMP}) f.putInt(ts, (int) now.dos());
        f.put(CREATE_10MS, (byte) now.tenMs()).put(MODIFIED_10MS, (byte) now.tenMs());
        for (int off : new int[] {CREATE_UTC_OFFSET, MODIFIED_UTC_OFFSET, ACCESSED_UTC_OFFSET}) f.put(off, (byte) now.utcOffset());
        byte[] stream = new byte[DirectoryEntries.SIZE];
        DirectoryEntries.le(stream).put(0, (byte) DirectoryEntries.STREAM_EXTENSION);
        return new FileEntrySet(file, stream, name, List.of()).withStream(data).withName(name, upcase);
    }

    FileEntrySet withName(String newName, UpcaseTable upcase) {
        checkName(newName);
        byte[] s = stream.clone();
        DirectoryEntries.le(s).put(NAME_LENGTH, (byte) newName.length())
                .putShort(NAME_HASH, (short) Checksums.nameHash(upcase.upcase(newName)));
        return new FileEntrySet(file, s, newName, extra);
    }

    FileEntrySet withStream(DataStream d) {
        byte[] s = stream.clone();
        int flags = (s[STREAM_FLAGS] & ~(FLAG_NO_FAT_CHAIN | FLAG_ALLOCATION_POSSIBLE)) | FLAG_ALLOCATION_POSSIBLE
                | (d.noFatChain() ? FLAG_NO_FAT_CHAIN : 0);
        DirectoryEntries.le(s).put(STREAM_FLAGS, (byte) flags).putLong(VALID_DATA_LENGTH, d.validDataLength())
                .putInt(STREAM_FIRST_CLUSTER, (int) d.firstCluster()).putLong(STREAM_DATA_LENGTH, d.dataLength());
        return new FileEntrySet(file, s, name, extra);
    }

    /** A caller's name must be valid exFAT (§7.7.3): 1..255 units, no control or reserved characters. */
    static void checkName(String name) {
        if (!validName(name)) throw new IllegalArgumentException("invalid exFAT file name: " + name);
    }

    static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.equals(".") || name.equals("..")) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || "\"*/:<>?\\|".indexOf(c) >= 0) return false;
        }
        return true;
    }

    boolean isDirectory() {
        return (DirectoryEntries.le(file).getShort(FILE_ATTRIBUTES) & ATTR_DIRECTORY) != 0;
    }

    DataStream data() {
        ByteBuffer s = DirectoryEntries.le(stream);
        return new DataStream(Integer.toUnsignedLong(s.getInt(STREAM_FIRST_CLUSTER)),
                (s.get(STREAM_FLAGS) & FLAG_NO_FAT_CHAIN) != 0, s.getLong(VALID_DATA_LENGTH), s.getLong(STREAM_DATA_LENGTH));
    }

    int nameHash() {
        return Short.toUnsignedInt(DirectoryEntries.le(stream).getShort(NAME_HASH));
    }

    ExfatTimestamp modified() {
        ByteBuffer f = DirectoryEntries.le(file);
        return new ExfatTimestamp(Integer.toUnsignedLong(f.getInt(MODIFIED_TIMESTAMP)), f.get(MODIFIED_10MS) & 0xFF,
                f.get(MODIFIED_UTC_OFFSET) & 0xFF);
    }

    int slots() {
        return 2 + nameSlots(name.length()) + extra.size();
    }

    static int nameSlots(int nameLength) {
        return (nameLength + NAME_CHARS_PER_ENTRY - 1) / NAME_CHARS_PER_ENTRY;
    }

    /** The whole set, SecondaryCount and SetChecksum filled in. */
    byte[] encode() {
        int n = slots();
        byte[] out = new byte[n * DirectoryEntries.SIZE];
        System.arraycopy(file, 0, out, 0, DirectoryEntries.SIZE);
        System.arraycopy(stream, 0, out, DirectoryEntries.SIZE, DirectoryEntries.SIZE);
        ByteBuffer b = DirectoryEntries.le(out);
        for (int i = 0; i < name.length(); i++) {
            int slot = 2 + i / NAME_CHARS_PER_ENTRY;
            int at = slot * DirectoryEntries.SIZE;
            b.put(at, (byte) DirectoryEntries.FILE_NAME);
            b.putChar(at + NAME + 2 * (i % NAME_CHARS_PER_ENTRY), name.charAt(i));
        }
        int at = (2 + nameSlots(name.length())) * DirectoryEntries.SIZE;
        for (byte[] e : extra) {
            System.arraycopy(e, 0, out, at, DirectoryEntries.SIZE);
            at += DirectoryEntries.SIZE;
        }
        b.put(SECONDARY_COUNT, (byte) (n - 1));
        b.putShort(SET_CHECKSUM, (short) Checksums.entrySet(out, 0, out.length));
        return out;
    }

    /**
     * Decodes the set whose File entry is at {@code slot} of {@code dir} ({@code slotCount} slots valid);
     * {@code deviceOffset} locates that slot for error messages.
     */
    static FileEntrySet decode(byte[] dir, int slot, int slotCount, long deviceOffset) throws CorruptStructureException {
        int base = slot * DirectoryEntries.SIZE;
        ByteBuffer b = DirectoryEntries.le(dir);
        int secondaries = dir[base + SECONDARY_COUNT] & 0xFF;
        if (secondaries < 2 || secondaries > MAX_SECONDARIES) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + SECONDARY_COUNT, "SecondaryCount", "2..18", secondaries);
        }
        if (slot + secondaries >= slotCount) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset, "SecondaryCount",
                    "<= " + (slotCount - slot - 1) + " (end of directory)", secondaries);
        }
        int length = (secondaries + 1) * DirectoryEntries.SIZE;
        int stored = Short.toUnsignedInt(b.getShort(base + SET_CHECKSUM));
        int sum = Checksums.entrySet(dir, base, length);
        if (stored != sum) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + SET_CHECKSUM, "SetChecksum",
                    Integer.toHexString(sum), Integer.toHexString(stored));
        }
        int streamAt = base + DirectoryEntries.SIZE;
        if ((dir[streamAt] & 0xFF) != DirectoryEntries.STREAM_EXTENSION) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + DirectoryEntries.SIZE, "stream extension EntryType",
                    "0xC0", Integer.toHexString(dir[streamAt] & 0xFF));
        }
        int nameLength = dir[streamAt + NAME_LENGTH] & 0xFF;
        int nameEntries = nameSlots(nameLength);
        if (nameLength == 0 || nameEntries > secondaries - 1) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + DirectoryEntries.SIZE + NAME_LENGTH, "NameLength",
                    "1.." + (secondaries - 1) * NAME_CHARS_PER_ENTRY, nameLength);
        }
        char[] name = new char[nameLength];
        for (int i = 0; i < nameLength; i++) {
            int entry = base + (2 + i / NAME_CHARS_PER_ENTRY) * DirectoryEntries.SIZE;
            if ((dir[entry] & 0xFF) != DirectoryEntries.FILE_NAME) {
                throw new CorruptStructureException(STRUCTURE, deviceOffset + entry - base, "file name EntryType", "0xC1",
                        Integer.toHexString(dir[entry] & 0xFF));
            }
            name[i] = b.getChar(entry + NAME + 2 * (i % NAME_CHARS_PER_ENTRY));
        }
        String decoded = new String(name);
        if (!validName(decoded)) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + 2L * DirectoryEntries.SIZE, "FileName",
                    "no control characters, \\ / : * ? \" < > |, not . or ..", decoded);
        }
        List<byte[]> extra = new ArrayList<>();
        for (int s = 2 + nameEntries; s <= secondaries; s++) {
            int entry = base + s * DirectoryEntries.SIZE;
            int type = dir[entry] & 0xFF;
            if ((type & (DirectoryEntries.IN_USE | DirectoryEntries.SECONDARY)) != (DirectoryEntries.IN_USE | DirectoryEntries.SECONDARY)) {
                throw new CorruptStructureException(STRUCTURE, deviceOffset + entry - base, "secondary EntryType",
                        "in-use secondary", Integer.toHexString(type));
            }
            extra.add(java.util.Arrays.copyOfRange(dir, entry, entry + DirectoryEntries.SIZE));
        }
        byte[] file = java.util.Arrays.copyOfRange(dir, base, base + DirectoryEntries.SIZE);
        byte[] stream = java.util.Arrays.copyOfRange(dir, streamAt, streamAt + DirectoryEntries.SIZE);
        FileEntrySet set = new FileEntrySet(file, stream, decoded, List.copyOf(extra));
        DataStream d = set.data();
        if (d.dataLength() < 0 || d.validDataLength() < 0 || d.validDataLength() > d.dataLength()) {
            throw new CorruptStructureException(STRUCTURE, deviceOffset + DirectoryEntries.SIZE + VALID_DATA_LENGTH,
                    "ValidDataLength/DataLength", "0 <= valid <= length", d.validDataLength() + "/" + d.dataLength());
        }
        return set;
    }
}
