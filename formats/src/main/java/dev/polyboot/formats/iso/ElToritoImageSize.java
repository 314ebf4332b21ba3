package dev.polyboot.formats.iso;

import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.mbr.Mbr;
import dev.polyboot.formats.mbr.MbrCodec;
import dev.polyboot.formats.mbr.MbrPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where an El Torito boot image ends. The catalog gives only a start (2048-byte sector) and a "sector count" in
 * 512-byte virtual sectors, which is the real size only for no-emulation images loaded whole:
 * <ul>
 * <li>floppy emulation: the media type fixes the size (1.2, 1.44, 2.88 MB);</li>
 * <li>hard-disk emulation: the image is a disk with an MBR; it ends with its last partition;</li>
 * <li>UEFI no-emulation with a count of 0 or 1 (mkisofs writes 1 and xorriso 0 when the image exceeds 65535
 *     sectors, many distributions set 1 by hand): the image is a FAT file system, so its boot sector's total
 *     sector count times bytes per sector is the size, as xorriso and the Linux/GRUB ISO tools do;</li>
 * <li>otherwise: count × 512.</li>
 * </ul>
 * A computed range reaching past the device end is cut at the end with a finding.
 */
public final class ElToritoImageSize {
    public enum Source { SECTOR_COUNT, FLOPPY_MEDIA, MBR_PARTITIONS, FAT_BOOT_SECTOR }

    static final long SECTOR = 2048;

    private ElToritoImageSize() {}

    static ElToritoEntry resolve(BlockDevice dev, ElToritoEntry e, Findings findings) throws IOException {
        long offset = e.loadRba() * SECTOR; // loadRba < 2^32, no overflow
        long length = e.sectorCount() * 512L;
        Source source = Source.SECTOR_COUNT;
        switch (e.mediaType()) {
            case ElToritoEntry.MEDIA_FLOPPY_1_2M -> { length = 1_228_800; source = Source.FLOPPY_MEDIA; }
            case ElToritoEntry.MEDIA_FLOPPY_1_44M -> { length = 1_474_560; source = Source.FLOPPY_MEDIA; }
            case ElToritoEntry.MEDIA_FLOPPY_2_88M -> { length = 2_949_120; source = Source.FLOPPY_MEDIA; }
            case ElToritoEntry.MEDIA_HARD_DISK -> {
                long mbrEnd = mbrEnd(dev, offset);
                if (mbrEnd > 0) { length = mbrEnd; source = Source.MBR_PARTITIONS; }
            }
            default -> {
                if (e.isEfi() && e.sectorCount() <= 1) {
                    long fat = fatSize(dev, offset);
                    if (fat > 0) { length = fat; source = Source.FAT_BOOT_SECTOR; }
                }
            }
        }
        if (offset > dev.size()) {
            findings.corrupt("El Torito entry at " + e.entryOffset() + ": load RBA " + e.loadRba()
                    + " lies past the device end");
            return e.withImage(offset, 0, source);
        }
        if (length > dev.size() - offset) {
            findings.corrupt("El Torito entry at " + e.entryOffset() + ": image " + offset + "+" + length
                    + " reaches past the device end; cut to " + (dev.size() - offset));
            length = dev.size() - offset;
        }
        return e.withImage(offset, length, source);
    }

    /** Size of a FAT file system from its boot sector, or 0 when the bytes there are not a FAT boot sector. */
    static long fatSize(BlockDevice dev, long offset) throws IOException {
        if (offset > dev.size() - 512) return 0;
        ByteBuffer b = dev.read(offset, 512).order(ByteOrder.LITTLE_ENDIAN);
        int jump = Byte.toUnsignedInt(b.get(0));
        if (jump != 0xEB && jump != 0xE9) return 0;
        int bytesPerSector = Short.toUnsignedInt(b.getShort(11));
        if (bytesPerSector != 512 && bytesPerSector != 1024 && bytesPerSector != 2048 && bytesPerSector != 4096) {
            return 0;
        }
        long total = Short.toUnsignedInt(b.getShort(19));
        if (total == 0) total = Integer.toUnsignedLong(b.getInt(32));
        return total * bytesPerSector;
    }

    /** End of the last partition of an emulated hard disk's MBR, or 0 without a usable table. */
    static long mbrEnd(BlockDevice dev, long offset) throws IOException {
        if (offset > dev.size() - Mbr.SIZE) return 0;
        byte[] sector = dev.read(offset, Mbr.SIZE).array();
        if (!MbrCodec.hasBootSignature(sector)) return 0;
        Mbr mbr = MbrCodec.decode(sector);
        long end = 0;
        for (int i = 0; i < Mbr.ENTRIES; i++) {
            MbrPartition p = mbr.partition(i);
            if (p.isEmpty()) continue;
            end = Math.max(end, (p.firstLba() + p.sectorCount()) * 512);
        }
        return end;
    }
}
