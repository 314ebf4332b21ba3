package dev.polyboot.formats.fat;

import dev.polyboot.formats.VolumeFullException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One directory loaded into memory: its raw slots (the fixed FAT16 root region or a cluster chain) and
 * the entries parsed from them in on-disk order, long names assembled (fatgen103 section 7). A broken
 * long-name sequence falls back to the short name, as Windows and Linux do.
 */
final class Directory {
    /** fatgen103 section 6: a directory holds at most 65536 entries. */
    static final int MAX_SLOTS = 65536;

    /** A live entry: its name, the 8.3 record, and the slots (long-name slots + short slot) it occupies. */
    record Item(String name, String shortName, DirEntry entry, int firstSlot, int slotCount) {
        int shortSlot() {
            return firstSlot + slotCount - 1;
        }
    }

    private final BlockDevice dev;
    private final FatTable fat;
    private final FatGeometry g;
    final long firstCluster;
    private long[] clusters;
    private byte[] data;
    private final List<Item> items = new ArrayList<>();
    private String label;
    private int dotDotSlot = -1;
    private int end;

    private Directory(BlockDevice dev, FatTable fat, long firstCluster) {
        this.dev = dev;
        this.fat = fat;
        this.g = fat.geometry();
        this.firstCluster = firstCluster;
    }

    /** Loads the directory whose first cluster is given; 0 means the root directory. */
    static Directory load(BlockDevice dev, FatTable fat, long firstCluster, String path) throws IOException {
        FatGeometry g = fat.geometry();
        Directory d = new Directory(dev, fat, firstCluster == 0 && g.fatBits() == 32 ? g.rootCluster() : firstCluster);
        if (d.firstCluster == 0) {
            d.clusters = null;
            d.data = new byte[g.rootEntries() * DirEntry.SIZE];
            dev.read(g.rootDirOffset(), ByteBuffer.wrap(d.data));
        } else {
            long cap = Math.max(1, (long) MAX_SLOTS * DirEntry.SIZE / g.clusterSize());
            d.clusters = ClusterChain.walk(fat, d.firstCluster, cap, "directory " + path);
            d.data = new byte[Math.multiplyExact(d.clusters.length, g.clusterSize())];
            for (int i = 0; i < d.clusters.length; i++) {
                dev.read(g.clusterOffset(d.clusters[i]), ByteBuffer.wrap(d.data, i * g.clusterSize(), g.clusterSize()));
            }
        }
        d.parse();
        return d;
    }

    boolean isFixedRoot() {
        return clusters == null;
    }

    int slots() {
        return data.length / DirEntry.SIZE;
    }

    long slotOffset(int slot) {
        long byteOff = (long) slot * DirEntry.SIZE;
        if (clusters == null) return g.rootDirOffset() + byteOff;
        return g.clusterOffset(clusters[(int) (byteOff / g.clusterSize())]) + byteOff % g.clusterSize();
    }

    List<Item> items() {
        return items;
    }

    String label() {
        return label;
    }

    int dotDotSlot() {
        return dotDotSlot;
    }

    Item find(String name) {
        for (Item it : items) {
            if (it.name().equalsIgnoreCase(name) || it.shortName().equalsIgnoreCase(name)) return it;
        }
        return null;
    }

    Set<String> shortKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < end; i++) {
            int off = i * DirEntry.SIZE;
            int b0 = data[off] & 0xFF;
            if (b0 == DirEntry.FREE || (data[off + DirEntry.OFF_ATTR] & 0x3F) == DirEntry.ATTR_LONG_NAME) continue;
            keys.add(ShortNames.key(Arrays.copyOfRange(data, off, off + 11)));
        }
        return keys;
    }

    private void parse() {
        items.clear();
        List<LfnEntry> pending = null;
        int expected = 0;
        int start = 0;
        int n = slots();
        end = n;
        for (int i = 0; i < n; i++) {
            int off = i * DirEntry.SIZE;
            int b0 = data[off] & 0xFF;
            if (b0 == DirEntry.END) { end = i; break; }
            if (b0 == DirEntry.FREE) { pending = null; continue; }
            if ((data[off + DirEntry.OFF_ATTR] & 0x3F) == DirEntry.ATTR_LONG_NAME) {
                LfnEntry l = LfnEntry.decode(data, off);
                if (l.last() && l.order() >= 1 && l.order() <= LfnEntry.MAX_SLOTS) {
                    pending = new ArrayList<>();
                    pending.add(l);
                    expected = l.order() - 1;
                    start = i;
                } else if (pending != null && !l.last() && l.order() == expected && expected >= 1
                        && l.checksum() == pending.get(0).checksum()) {
                    pending.add(l);
                    expected--;
                } else {
                    pending = null;
                }
                continue;
            }
            DirEntry e = DirEntry.decode(data, off);
            String longName = null;
            if (pending != null && expected == 0 && LfnEntry.checksum(e.name()) == pending.get(0).checksum()) {
                longName = assemble(pending);
            }
            int first = longName != null ? start : i;
            pending = null;
            if (e.isVolumeLabel()) {
                if (label == null) label = new String(e.name(), java.nio.charset.StandardCharsets.ISO_8859_1).stripTrailing();
                continue;
            }
            String shortName = ShortNames.display(e.name(), e.ntCase());
            if ((data[off] == '.') && (shortName.equals(".") || shortName.equals(".."))) {
                if (shortName.equals("..")) dotDotSlot = i;
                continue;
            }
            items.add(new Item(longName != null ? longName : shortName, shortName, e, first, i - first + 1));
        }
    }

    /** The long name in a checked sequence, or null (use the short name) if its characters are unusable. */
    private static String assemble(List<LfnEntry> onDisk) {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int k = onDisk.size() - 1; k >= 0; k--) {
            for (char c : onDisk.get(k).chars()) {
                if (c == 0) break outer;
                sb.append(c);
            }
        }
        String s = sb.toString();
        if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('/') >= 0 || s.indexOf('\uFFFF') >= 0) return null;
        return s;
    }

    // ---- changes ----

    void writeSlot(int slot, byte[] entry) throws IOException {
        System.arraycopy(entry, 0, data, slot * DirEntry.SIZE, DirEntry.SIZE);
        dev.write(slotOffset(slot), ByteBuffer.wrap(entry));
    }

    /** Finds (growing the directory if needed) {@code count} consecutive free slots; returns the first. */
    int reserve(int count) throws IOException {
        while (true) {
            int run = 0;
            for (int i = 0; i < slots(); i++) {
                boolean free = i >= end || (data[i * DirEntry.SIZE] & 0xFF) == DirEntry.FREE;
                run = free ? run + 1 : 0;
                if (run == count) return i - count + 1;
            }
            grow();
        }
    }

    private void grow() throws IOException {
        if (clusters == null || slots() + g.clusterSize() / DirEntry.SIZE > MAX_SLOTS) {
            throw new VolumeFullException("FAT directory", (long) slots() * DirEntry.SIZE, (long) slots() * DirEntry.SIZE);
        }
        long[] pick = fat.pick(1);
        if (pick == null) throw new VolumeFullException("FAT", g.clusterSize(), 0);
        long c = pick[0];
        dev.zero(g.clusterOffset(c), g.clusterSize());
        fat.set(c, fat.endOfChain());
        fat.set(clusters[clusters.length - 1], c);
        fat.commit();
        boolean wasFull = end == slots();
        clusters = Arrays.copyOf(clusters, clusters.length + 1);
        clusters[clusters.length - 1] = c;
        data = Arrays.copyOf(data, data.length + g.clusterSize());
        if (wasFull) end = slots() - g.clusterSize() / DirEntry.SIZE;
    }

    /** Writes long-name slots and the short entry at {@code slot} (from {@link #reserve}). */
    void put(int slot, String longName, DirEntry entry, boolean withLongName) throws IOException {
        int k = 0;
        if (withLongName) {
            for (LfnEntry l : LfnEntry.forName(longName, LfnEntry.checksum(entry.name()))) writeSlot(slot + k++, l.encode());
        }
        writeSlot(slot + k, entry.encode());
        int last = slot + k;
        if (last >= end) {
            // Slots after the old end marker become live; make sure the next one ends the directory.
            if (last + 1 < slots() && data[(last + 1) * DirEntry.SIZE] != 0) writeSlot(last + 1, new byte[DirEntry.SIZE]);
            end = last + 1;
        }
        parse();
    }

    void remove(Item it) throws IOException {
        for (int s = it.firstSlot(); s <= it.shortSlot(); s++) {
            byte[] b = Arrays.copyOfRange(data, s * DirEntry.SIZE, (s + 1) * DirEntry.SIZE);
            b[0] = (byte) DirEntry.FREE;
            writeSlot(s, b);
        }
        parse();
    }

    byte[] rawSlots(Item it) {
        return Arrays.copyOfRange(data, it.firstSlot() * DirEntry.SIZE, (it.shortSlot() + 1) * DirEntry.SIZE);
    }

    void restore(Item it, byte[] raw) throws IOException {
        for (int s = 0; s < it.slotCount(); s++) writeSlot(it.firstSlot() + s, Arrays.copyOfRange(raw, s * 32, s * 32 + 32));
        parse();
    }

    DirEntry entryAt(int slot) {
        return DirEntry.decode(data, slot * DirEntry.SIZE);
    }
}
