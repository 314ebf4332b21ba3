package dev.polyboot.formats.exfat;

import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes an empty exFAT file system laid out as mkfs.exfat (exfatprogs 1.2.0) lays it out. Only the metadata
 * region and the first clusters are written, so a sparse image stays sparse: formatting 64 GiB writes ~3 MiB.
 */
public final class ExfatFormatter {
    private ExfatFormatter() {}

    public static void format(BlockDevice dev, ExfatFormatOptions options) throws IOException {
        if (dev.isReadOnly()) throw new IllegalArgumentException("device is read-only");
        ExfatLayout l = ExfatLayout.plan(dev.size(), dev.sectorSize(), options);
        int ss = l.sectorSize();
        int shift = Integer.numberOfTrailingZeros(ss);
        int clusterShift = Integer.numberOfTrailingZeros(l.clusterSize()) - shift;

        // Everything in front of the heap is ours: clear it so old bytes never survive into the new volume.
        dev.zero(0, l.heapOffset());

        byte[] fat = new byte[(int) ExfatLayout.roundUp((l.rootCluster() + 1) * 4, ss)];
        ByteBuffer f = ByteBuffer.wrap(fat).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(0, (int) Fat.MEDIA).putInt(4, (int) Fat.END_OF_CHAIN);
        chain(f, l.bitmapCluster(), l.bitmapClusters());
        chain(f, l.upcaseCluster(), l.upcaseClusters());
        chain(f, l.rootCluster(), 1);
        dev.write(l.fatOffset(), ByteBuffer.wrap(fat));

        byte[] bitmap = new byte[(int) (l.bitmapClusters() * l.clusterSize())];
        for (long c = 0; c < l.usedClusters(); c++) bitmap[(int) (c >>> 3)] |= (byte) (1 << (c & 7));
        dev.write(l.clusterOffset(l.bitmapCluster()), ByteBuffer.wrap(bitmap));

        byte[] upcase = new byte[(int) (l.upcaseClusters() * l.clusterSize())];
        byte[] table = UpcaseTable.recommendedBytes();
        System.arraycopy(table, 0, upcase, 0, table.length);
        dev.write(l.clusterOffset(l.upcaseCluster()), ByteBuffer.wrap(upcase));

        byte[] root = new byte[l.clusterSize()];
        int at = 0;
        if (!options.label().isEmpty()) at = put(root, at, DirectoryEntries.volumeLabel(options.label()));
        at = put(root, at, DirectoryEntries.bitmap(l.bitmapCluster(), l.bitmapBytes()));
        at = put(root, at, DirectoryEntries.upcase(Checksums.table(table, table.length), l.upcaseCluster(), table.length));
        if (options.volumeGuid().isPresent()) put(root, at, DirectoryEntries.volumeGuid(options.volumeGuid().get()));
        dev.write(l.clusterOffset(l.rootCluster()), ByteBuffer.wrap(root));

        ExfatBootSector boot = new ExfatBootSector(new byte[ExfatBootSector.SIZE], options.partitionOffset() / ss,
                l.volumeBytes() / ss, l.fatOffset() / ss, l.fatLength() / ss, l.heapOffset() / ss, l.clusterCount(),
                l.rootCluster(), options.volumeSerial(), 0x0100, 0, shift, clusterShift, 1, 0x80,
                (int) (l.usedClusters() * 100 / l.clusterCount()));
        ExfatBootRegion.write(dev, boot);
        dev.flush();
    }

    private static void chain(ByteBuffer fat, long first, long count) {
        for (long c = first; c < first + count; c++) {
            fat.putInt((int) (c * 4), (int) (c + 1 < first + count ? c + 1 : Fat.END_OF_CHAIN));
        }
    }

    private static int put(byte[] dir, int at, byte[] entry) {
        System.arraycopy(entry, 0, dir, at, entry.length);
        return at + entry.length;
    }
}
