package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The critical primary entries of the root directory (exFAT spec §7.1–7.3): allocation bitmap, up-case table
 * and volume label, read and checked when a volume is opened.
 */
record RootEntries(AllocationBitmap bitmap, List<ClusterRun> bitmapRuns, UpcaseTable upcase, List<ClusterRun> upcaseRuns,
                   String label) {
    static final String STRUCTURE = "exFAT root directory";

    static RootEntries read(ClusterHeap heap, Directory root) throws IOException {
        ByteBuffer b = DirectoryEntries.le(root.bytes);
        List<ClusterRun> bitmapRuns = null;
        long bitmapLength = 0;
        UpcaseTable upcase = null;
        List<ClusterRun> upcaseRuns = List.of();
        String label = "";
        for (int slot = 0; slot < root.endSlot; slot++) {
            int at = slot * DirectoryEntries.SIZE;
            int type = b.get(at) & 0xFF;
            long entryOffset = root.slotOffset(heap, slot);
            if (type == DirectoryEntries.BITMAP && (b.get(at + DirectoryEntries.BITMAP_FLAGS) & 1) == 0 && bitmapRuns == null) {
                long needed = (heap.clusterCount + 7) / 8;
                bitmapLength = b.getLong(at + DirectoryEntries.DATA_LENGTH);
                if (bitmapLength < needed || bitmapLength > needed + heap.clusterSize) {
                    throw new CorruptStructureException(STRUCTURE, entryOffset + DirectoryEntries.DATA_LENGTH,
                            "allocation bitmap DataLength", needed, bitmapLength);
                }
                bitmapRuns = heap.runs(stream(b, at, bitmapLength), "allocation bitmap", entryOffset);
            } else if (type == DirectoryEntries.UPCASE && upcase == null) {
                long length = b.getLong(at + DirectoryEntries.DATA_LENGTH);
                if (length < 2 || length > UpcaseTable.MAX_BYTES) {
                    throw new CorruptStructureException(STRUCTURE, entryOffset + DirectoryEntries.DATA_LENGTH,
                            "up-case table DataLength", "2.." + UpcaseTable.MAX_BYTES, length);
                }
                List<ClusterRun> runs = heap.runs(stream(b, at, length), "up-case table", entryOffset);
                upcaseRuns = runs;
                byte[] table = new byte[(int) length];
                heap.read(runs, 0, table, 0, table.length);
                upcase = UpcaseTable.decode(table, table.length,
                        Integer.toUnsignedLong(b.getInt(at + DirectoryEntries.TABLE_CHECKSUM)), heap.offsetOf(runs.get(0).first()));
            } else if (type == DirectoryEntries.VOLUME_LABEL) {
                int count = b.get(at + DirectoryEntries.LABEL_CHARACTER_COUNT) & 0xFF;
                if (count > ExfatFormatOptions.MAX_LABEL_LENGTH) {
                    throw new CorruptStructureException(STRUCTURE, entryOffset + 1, "CharacterCount", "0..11", count);
                }
                char[] chars = new char[count];
                for (int i = 0; i < count; i++) chars[i] = b.getChar(at + DirectoryEntries.LABEL + 2 * i);
                label = new String(chars);
            }
        }
        if (bitmapRuns == null) throw new CorruptStructureException(STRUCTURE, root.slotOffset(heap, 0), "allocation bitmap entry", "present", "missing");
        if (upcase == null) throw new CorruptStructureException(STRUCTURE, root.slotOffset(heap, 0), "up-case table entry", "present", "missing");
        byte[] bits = new byte[(int) bitmapLength];
        heap.read(bitmapRuns, 0, bits, 0, bits.length);
        heap.bitmap = new AllocationBitmap(bits, heap.clusterCount);
        return new RootEntries(heap.bitmap, bitmapRuns, upcase, upcaseRuns, label);
    }

    private static DataStream stream(ByteBuffer b, int at, long length) {
        return new DataStream(Integer.toUnsignedLong(b.getInt(at + DirectoryEntries.FIRST_CLUSTER)), false, length, length);
    }
}
