package dev.polyboot.formats.fat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.UnsupportedLayoutException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file allocation table: entry reads through a small sector cache, writes collected per sector and
 * written to every FAT copy on {@link #commit()}, and an in-memory map of used clusters (built on first
 * need) for allocation and free-space counting.
 */
final class FatTable {
    static final long FREE = 0;
    private static final int CACHE_SECTORS = 256;

    private final BlockDevice dev;
    private final FatGeometry g;
    private final long mask;
    private final long endMin;
    private final long bad;
    private final LinkedHashMap<Long, ByteBuffer> cache = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Long, ByteBuffer> dirty = new LinkedHashMap<>();
    private BitSet used;
    private long freeCount;

    FatTable(BlockDevice dev, FatGeometry g) {
        this.dev = dev;
        this.g = g;
        this.mask = switch (g.fatBits()) { case 32 -> 0x0FFF_FFFFL; case 16 -> 0xFFFFL; default -> 0xFFFL; };
        this.endMin = mask - 7;
        this.bad = mask - 8;
    }

    long endOfChain() {
        return mask;
    }

    boolean isEnd(long v) {
        return v >= endMin;
    }

    private int entryBytes() {
        return g.fatBits() / 8;
    }

    private ByteBuffer sector(long index) throws IOException {
        ByteBuffer s = dirty.get(index);
        if (s != null) return s;
        s = cache.get(index);
        if (s == null) {
            s = ByteBuffer.allocate(g.bytesPerSector()).order(ByteOrder.LITTLE_ENDIAN);
            dev.read(g.fatOffset(0) + index * g.bytesPerSector(), s);
            cache.put(index, s);
            if (cache.size() > CACHE_SECTORS) {
                Long eldest = cache.keySet().iterator().next();
                cache.remove(eldest);
            }
        }
        return s;
    }

    /** Byte offset of a cluster's entry in the FAT (FAT12: 1.5 bytes per entry). */
    private long entryOffset(long cluster) {
        return g.fatBits() == 12 ? cluster + cluster / 2 : cluster * entryBytes();
    }

    /** FAT12's 12 bits of {@code cluster}: two bytes, possibly in two sectors. */
    private long get12(long cluster) throws IOException {
        long off = entryOffset(cluster);
        int bps = g.bytesPerSector();
        int lo = Byte.toUnsignedInt(sector(off / bps).get((int) (off % bps)));
        int hi = Byte.toUnsignedInt(sector((off + 1) / bps).get((int) ((off + 1) % bps)));
        int w = lo | hi << 8;
        return (cluster & 1) == 0 ? w & 0xFFF : w >>> 4;
    }

    long get(long cluster) throws IOException {
        if (g.fatBits() == 12) return get12(cluster);
        long byteOff = cluster * entryBytes();
        ByteBuffer s = sector(byteOff / g.bytesPerSector());
        int at = (int) (byteOff % g.bytesPerSector());
        long raw = g.fatBits() == 32 ? Integer.toUnsignedLong(s.getInt(at)) : Short.toUnsignedInt(s.getShort(at));
        return raw & mask;
    }

    /** Sets an entry; FAT32 keeps the top four reserved bits as they were (fatgen103 section 4). */
    void set(long cluster, long value) throws IOException {
        if (g.fatBits() == 12) {
            throw new UnsupportedLayoutException("FAT", g.fatOffset(0), "FAT type", "FAT16 or FAT32 to write", "FAT12 (read only)");
        }
        long byteOff = cluster * entryBytes();
        long index = byteOff / g.bytesPerSector();
        ByteBuffer s = sector(index);
        int at = (int) (byteOff % g.bytesPerSector());
        if (g.fatBits() == 32) {
            int old = s.getInt(at);
            s.putInt(at, (int) ((old & 0xF000_0000L) | (value & mask)));
        } else {
            s.putShort(at, (short) value);
        }
        dirty.put(index, s);
        if (used != null && cluster >= 2 && cluster <= g.maxCluster()) {
            boolean wasUsed = used.get((int) cluster);
            boolean nowUsed = value != FREE;
            if (wasUsed != nowUsed) {
                used.set((int) cluster, nowUsed);
                freeCount += nowUsed ? -1 : 1;
            }
        }
    }

    /** Writes every changed FAT sector to all FAT copies. */
    void commit() throws IOException {
        for (Map.Entry<Long, ByteBuffer> e : dirty.entrySet()) {
            for (int copy = 0; copy < g.fatCount(); copy++) {
                dev.write(g.fatOffset(copy) + e.getKey() * g.bytesPerSector(), e.getValue().duplicate().clear());
            }
            cache.put(e.getKey(), e.getValue());
        }
        dirty.clear();
        while (cache.size() > CACHE_SECTORS) cache.remove(cache.keySet().iterator().next());
    }

    /**
     * The cluster after {@code cluster} in a chain, or -1 at the end. Free, bad, reserved and
     * out-of-range values inside a chain are corruption.
     */
    long next(long cluster, String what) throws IOException {
        long v = get(cluster);
        if (isEnd(v)) return -1;
        if (v < 2 || v > g.maxCluster()) {
            throw new CorruptStructureException("FAT", g.fatOffset(0) + entryOffset(cluster), "entry of cluster " + cluster
                    + " in chain of " + what, "2.." + g.maxCluster() + " or end of chain", v == bad ? "bad cluster" : v);
        }
        return v;
    }

    void checkCluster(long cluster, String what) throws CorruptStructureException {
        if (cluster < 2 || cluster > g.maxCluster()) {
            throw new CorruptStructureException("directory entry", 0, "first cluster of " + what, "2.." + g.maxCluster(), cluster);
        }
    }

    // ---- allocation ----

    private void ensureMap() throws IOException {
        if (used != null) return;
        BitSet map = new BitSet((int) (g.maxCluster() + 1));
        long free = 0;
        if (g.fatBits() == 12) { // at most 4084 entries
            for (long c = 2; c <= g.maxCluster(); c++) {
                if (get12(c) != FREE) map.set((int) c);
                else free++;
            }
            used = map;
            freeCount = free;
            return;
        }
        int bps = g.bytesPerSector();
        long entriesPerSector = bps / entryBytes();
        long lastSector = (g.maxCluster() * entryBytes()) / bps;
        ByteBuffer chunk = ByteBuffer.allocate(bps * 256).order(ByteOrder.LITTLE_ENDIAN);
        for (long sec = 0; sec <= lastSector; sec += 256) {
            long n = Math.min(256, lastSector - sec + 1);
            chunk.clear().limit((int) (n * bps));
            dev.read(g.fatOffset(0) + sec * bps, chunk);
            for (long i = 0; i < n * entriesPerSector; i++) {
                long cluster = sec * entriesPerSector + i;
                if (cluster < 2) continue;
                if (cluster > g.maxCluster()) break;
                ByteBuffer d = dirty.get(sec + i / entriesPerSector);
                ByteBuffer src = d != null ? d : chunk;
                int at = (int) (d != null ? (i % entriesPerSector) * entryBytes() : i * entryBytes());
                long v = (g.fatBits() == 32 ? Integer.toUnsignedLong(src.getInt(at)) : Short.toUnsignedInt(src.getShort(at))) & mask;
                if (v != FREE) map.set((int) cluster);
                else free++;
            }
        }
        used = map;
        freeCount = free;
    }

    long freeClusters() throws IOException {
        ensureMap();
        return freeCount;
    }

    /**
     * Picks {@code n} free clusters, one contiguous run if any gap is big enough (first fit), else the
     * first free ones. Returns them in order; nothing is written and nothing is marked.
     */
    long[] pick(long n) throws IOException {
        ensureMap();
        if (n > freeCount) return null;
        long[] out = new long[(int) n];
        int max = (int) g.maxCluster();
        int start = used.nextClearBit(2);
        while (start <= max) {
            int end = used.nextSetBit(start);
            if (end < 0 || end > max + 1) end = max + 1;
            if (end - start >= n) {
                for (int i = 0; i < n; i++) out[i] = start + i;
                return out;
            }
            start = used.nextClearBit(end);
        }
        int k = 0;
        for (int c = used.nextClearBit(2); k < n && c <= max; c = used.nextClearBit(c + 1)) out[k++] = c;
        return out;
    }

    /** Links the clusters into one chain ending in end-of-chain (marks them used). */
    /** True for a cluster value that marks the cluster in use (not free, not bad). */
    boolean inUse(long value) {
        return value != FREE && value != bad;
    }

    /** Rewrites every FAT copy after the first from the first, sector by sector where they differ. */
    void syncCopies() throws IOException {
        commit();
        int bps = g.bytesPerSector();
        ByteBuffer a = ByteBuffer.allocate(bps);
        ByteBuffer b = ByteBuffer.allocate(bps);
        for (long sec = 0; sec < g.fatSectors(); sec++) {
            dev.read(g.fatOffset(0) + sec * bps, a.clear());
            for (int copy = 1; copy < g.fatCount(); copy++) {
                dev.read(g.fatOffset(copy) + sec * bps, b.clear());
                if (!a.flip().equals(b.flip())) dev.write(g.fatOffset(copy) + sec * bps, a.duplicate());
                a.rewind();
            }
        }
    }

    void link(long[] clusters) throws IOException {
        for (int i = 0; i < clusters.length; i++) {
            set(clusters[i], i + 1 < clusters.length ? clusters[i + 1] : endOfChain());
        }
    }

    void free(long[] clusters) throws IOException {
        for (long c : clusters) set(c, FREE);
    }

    boolean hasMap() {
        return used != null;
    }

    /** Lowest free cluster, or -1 if none (the FSInfo next-free hint). */
    long firstFree() throws IOException {
        ensureMap();
        int c = used.nextClearBit(2);
        return c > g.maxCluster() ? -1 : c;
    }

    FatGeometry geometry() {
        return g;
    }
}
