package dev.polyboot.formats.io;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.fs.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A read-only channel over a file whose bytes lie in {@link Extent}s on a device; the FAT, exFAT, ISO 9660 and UDF
 * readers open files through it. Bytes that no extent covers are zeros in a sparse file (UDF holes, exFAT beyond
 * ValidDataLength); in a dense file they are a gap that the image's metadata should not have allowed.
 */
public final class ExtentFileChannel extends ReadOnlyFileChannel {
    private final BlockDevice dev;
    private final List<Extent> extents;
    private final String structure;
    private final boolean sparse;

    private ExtentFileChannel(BlockDevice dev, List<Extent> extents, long size, String structure, boolean sparse)
            throws CorruptStructureException {
        super(size);
        this.dev = dev;
        this.extents = List.copyOf(extents);
        this.structure = structure;
        this.sparse = sparse;
        long end = 0;
        for (Extent e : this.extents) {
            if (e.length() < 0 || e.fileOffset() < end || e.length() > Long.MAX_VALUE - e.fileOffset()) {
                throw new IllegalArgumentException("extents of " + structure + " overlap or are out of file order at " + e);
            }
            end = e.fileOffset() + e.length();
            StructureReads.check(dev, e.deviceOffset(), e.length(), structure);
        }
    }

    /**
     * Every byte below {@code size} lies in one of the {@code extents} (in file order); reading one that does not is a
     * {@link CorruptStructureException} naming {@code structure} (e.g. "ISO 9660 file /boot/vmlinuz"), as is an
     * extent outside the device, when the channel is opened.
     */
    public static ExtentFileChannel dense(BlockDevice dev, List<Extent> extents, long size, String structure)
            throws CorruptStructureException {
        return new ExtentFileChannel(dev, extents, size, structure, false);
    }

    /** Like {@link #dense}, but bytes below {@code size} that no extent covers read as zeros. */
    public static ExtentFileChannel sparse(BlockDevice dev, List<Extent> extents, long size, String structure)
            throws CorruptStructureException {
        return new ExtentFileChannel(dev, extents, size, structure, true);
    }

    @Override
    protected int read(ByteBuffer dst, long position) throws IOException {
        int i = lastStartingAtOrBefore(position);
        Extent e = i < 0 ? null : extents.get(i);
        if (e != null && position - e.fileOffset() < e.length()) {
            long within = position - e.fileOffset();
            int n = (int) Math.min(dst.remaining(), e.length() - within);
            dev.read(e.deviceOffset() + within, dst.limit(dst.position() + n));
            return n;
        }
        if (!sparse) throw new CorruptStructureException(structure, 0, "extents", "to cover byte " + position, "a gap");
        long next = i + 1 < extents.size() ? extents.get(i + 1).fileOffset() : Long.MAX_VALUE;
        int n = (int) Math.min(dst.remaining(), next - position);
        for (int k = 0; k < n; k++) dst.put((byte) 0);
        return n;
    }

    /** Index of the last extent that starts at or before {@code at}, -1 if none: a binary search, as they are sorted. */
    private int lastStartingAtOrBefore(long at) {
        int lo = -1;
        int hi = extents.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (extents.get(mid).fileOffset() <= at) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
