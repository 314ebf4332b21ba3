package dev.polyboot.formats.fat;

import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.Unsigned;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * Creates an empty FAT16 or FAT32 volume filling the device, with the layout mkfs.fat 4.2 chooses
 * ({@link MkfsParameters}). Only metadata is written (reserved sectors, FATs, root directory); the data
 * area is left as it is, so a sparse image stays sparse.
 */
public final class FatFormatter {
    private FatFormatter() {}

    public static void format(BlockDevice dev, FatFormatOptions o) throws IOException {
        int ss = dev.sectorSize();
        MkfsParameters p = MkfsParameters.plan(dev.size(), ss, o);
        ByteBuffer bs = bootSector(p, o);

        long metaSectors = p.reservedSectors() + (long) p.fatCount() * p.fatSectors();
        long rootBytes = p.fatBits() == 32 ? (long) p.sectorsPerCluster() * ss : (long) p.rootEntries() * DirEntry.SIZE;
        dev.zero(0, metaSectors * ss + rootBytes);

        dev.write(0, bs.duplicate());
        if (p.fatBits() == 32) {
            ByteBuffer info = FsInfoSector.fresh(p.clusterCount() - 1, 2).encode();
            dev.write(ss, info.duplicate());
            if (p.backupBootSector() != 0) {
                dev.write((long) p.backupBootSector() * ss, bs.duplicate());
                dev.write((long) (p.backupBootSector() + 1) * ss, info.duplicate());
            }
        }
        ByteBuffer fat = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        if (p.fatBits() == 32) {
            fat.putInt(0, 0x0FFF_FF00 | 0xF8).putInt(4, 0x0FFF_FFFF).putInt(8, 0x0FFF_FFF8);
        } else {
            fat.putShort(0, (short) 0xFFF8).putShort(2, (short) 0xFFFF).limit(4);
        }
        for (int copy = 0; copy < p.fatCount(); copy++) {
            dev.write((p.reservedSectors() + (long) copy * p.fatSectors()) * ss, fat.duplicate());
        }
        if (!o.label().isEmpty()) {
            LocalDateTime now = LocalDateTime.now(o.clock());
            DirEntry label = DirEntry.create(labelBytes(o.label()), DirEntry.ATTR_VOLUME_ID, 0, 0, 0, now);
            // mkfs.fat leaves the fine creation time at 0 for the label; so do we.
            label = new DirEntry(label.name(), label.attr(), 0, 0, label.createTime(), label.createDate(), label.accessDate(),
                    0, label.writeTime(), label.writeDate(), 0, 0);
            dev.write(metaSectors * ss, ByteBuffer.wrap(label.encode()));
        }
        dev.flush();
        checkReadable(dev);
    }

    /** What we wrote must pass our own reader's checks; a failure here is a bug in the planner. */
    private static void checkReadable(BlockDevice dev) throws IOException {
        try {
            FatGeometry.of(FatBootSector.decode(dev.read(0, FatBootSector.SIZE)), dev.size());
        } catch (FormatException e) {
            throw new IllegalStateException("formatter produced a volume its reader rejects", e);
        }
    }

    static byte[] labelBytes(String label) {
        String l = label.isEmpty() ? "NO NAME" : label;
        return String.format("%-11s", l).getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuffer bootSector(MkfsParameters p, FatFormatOptions o) {
        ByteBuffer b = ByteBuffer.allocate(FatBootSector.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        boolean f32 = p.fatBits() == 32;
        int code = f32 ? FatBootSector.BOOT_CODE_FAT32 : FatBootSector.BOOT_CODE_FAT16;
        b.put(FatBootSector.OFF_JUMP, new byte[] {(byte) 0xEB, (byte) (code - 2), (byte) 0x90});
        b.put(FatBootSector.OFF_OEM, String.format("%-8s", o.oemName()).getBytes(StandardCharsets.US_ASCII));
        Unsigned.putU16(b, FatBootSector.OFF_BYTES_PER_SECTOR, p.bytesPerSector());
        Unsigned.putU8(b, FatBootSector.OFF_SECTORS_PER_CLUSTER, p.sectorsPerCluster());
        Unsigned.putU16(b, FatBootSector.OFF_RESERVED, p.reservedSectors());
        Unsigned.putU8(b, FatBootSector.OFF_FATS, p.fatCount());
        Unsigned.putU16(b, FatBootSector.OFF_ROOT_ENTRIES, p.rootEntries());
        Unsigned.putU16(b, FatBootSector.OFF_TOTAL16, p.totalSectors() < 65536 ? (int) p.totalSectors() : 0);
        Unsigned.putU8(b, FatBootSector.OFF_MEDIA, 0xF8);
        Unsigned.putU16(b, FatBootSector.OFF_FAT_SIZE16, f32 ? 0 : (int) p.fatSectors());
        Unsigned.putU16(b, FatBootSector.OFF_SECTORS_PER_TRACK, p.sectorsPerTrack());
        Unsigned.putU16(b, FatBootSector.OFF_HEADS, p.heads());
        Unsigned.putU32(b, FatBootSector.OFF_HIDDEN, o.hiddenSectors());
        Unsigned.putU32(b, FatBootSector.OFF_TOTAL32, p.totalSectors() < 65536 ? 0 : p.totalSectors());
        int ext = FatBootSector.EXT_FAT16;
        if (f32) {
            ext = FatBootSector.EXT_FAT32;
            Unsigned.putU32(b, FatBootSector.OFF_FAT_SIZE32, p.fatSectors());
            Unsigned.putU16(b, FatBootSector.OFF_EXT_FLAGS, 0);
            Unsigned.putU16(b, FatBootSector.OFF_FS_VERSION, 0);
            Unsigned.putU32(b, FatBootSector.OFF_ROOT_CLUSTER, 2);
            Unsigned.putU16(b, FatBootSector.OFF_FS_INFO, 1);
            Unsigned.putU16(b, FatBootSector.OFF_BACKUP_BOOT, p.backupBootSector());
        }
        Unsigned.putU8(b, ext + FatBootSector.EXT_DRIVE, 0x80);
        Unsigned.putU8(b, ext + FatBootSector.EXT_SIGNATURE, 0x29);
        Unsigned.putU32(b, ext + FatBootSector.EXT_SERIAL, o.serial());
        b.put(ext + FatBootSector.EXT_LABEL, labelBytes(o.label()));
        b.put(ext + FatBootSector.EXT_FS_TYPE, (f32 ? "FAT32   " : "FAT16   ").getBytes(StandardCharsets.US_ASCII));
        b.put(code, BootCode.stub(code, FatBootSector.OFF_SIGNATURE - code));
        Unsigned.putU16(b, FatBootSector.OFF_SIGNATURE, FatBootSector.BOOT_SIGNATURE);
        return b;
    }
}
