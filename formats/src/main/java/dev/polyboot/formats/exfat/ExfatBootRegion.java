package dev.polyboot.formats.exfat;

import dev.polyboot.formats.CorruptStructureException;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The 12-sector main and backup boot regions (exFAT spec §3): boot sector, 8 extended boot sectors, OEM
 * parameters, a reserved sector and the boot checksum sector.
 */
final class ExfatBootRegion {
    static final String STRUCTURE = "exFAT boot region";
    static final int SECTORS = 12;
    static final int OEM_PARAMETERS_SECTOR = 9;
    static final int CHECKSUM_SECTOR = 11;

    private ExfatBootRegion() {}

    /** The region's bytes; OEM parameters filled with 0xFF as mkfs.exfat does. */
    static byte[] encode(ExfatBootSector boot) {
        int ss = boot.sectorSize();
        byte[] region = new byte[SECTORS * ss];
        System.arraycopy(boot.encode(), 0, region, 0, ExfatBootSector.SIZE);
        for (int s = 1; s <= 8; s++) {
            // ExtendedBootSignature 0xAA550000 in the last four bytes of each extended boot sector (§3.2.1).
            region[(s + 1) * ss - 2] = 0x55;
            region[(s + 1) * ss - 1] = (byte) 0xAA;
        }
        Arrays.fill(region, OEM_PARAMETERS_SECTOR * ss, (OEM_PARAMETERS_SECTOR + 1) * ss, (byte) 0xFF);
        long sum = Checksums.bootRegion(Arrays.copyOf(region, CHECKSUM_SECTOR * ss));
        ByteBuffer b = ByteBuffer.wrap(region).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = CHECKSUM_SECTOR * ss; i < SECTORS * ss; i += 4) b.putInt(i, (int) sum);
        return region;
    }

    static void write(BlockDevice dev, ExfatBootSector boot) throws IOException {
        byte[] region = encode(boot);
        dev.write(0, ByteBuffer.wrap(region));
        dev.write(region.length, ByteBuffer.wrap(region));
    }

    /** Rewrites only sector 0's VolumeFlags and PercentInUse, which the checksum leaves out (§3.1.13). */
    static void writeFlags(BlockDevice dev, ExfatBootSector boot) throws IOException {
        dev.write(0, ByteBuffer.wrap(boot.encode()));
    }

    /** Reads the main region; if it is damaged, the backup one. Fails with the main region's error if both are. */
    static ExfatBootSector read(BlockDevice dev) throws IOException {
        try {
            return readAt(dev, 0);
        } catch (FormatException mainError) {
            for (int shift = 9; shift <= 12; shift++) {
                long at = (long) SECTORS << shift;
                try {
                    ExfatBootSector backup = readAt(dev, at);
                    if (backup.bytesPerSectorShift() == shift) return backup;
                } catch (FormatException ignored) {
                    // try the next sector size; the main region's error is what we report
                }
            }
            throw mainError;
        }
    }

    static ExfatBootSector readAt(BlockDevice dev, long at) throws IOException {
        if (dev.size() < at + ExfatBootSector.SIZE) {
            throw new CorruptStructureException(STRUCTURE, at, "device size", ">= " + (at + ExfatBootSector.SIZE), dev.size());
        }
        ExfatBootSector boot = ExfatBootSector.decode(dev.read(at, ExfatBootSector.SIZE), at, dev.size());
        int ss = boot.sectorSize();
        long regionEnd = at + (long) SECTORS * ss;
        if (regionEnd > dev.size() || regionEnd > boot.volumeBytes()) {
            throw new CorruptStructureException(STRUCTURE, at, "region end", "<= " + boot.volumeBytes(), regionEnd);
        }
        byte[] region = new byte[SECTORS * ss];
        dev.read(at, ByteBuffer.wrap(region));
        long sum = Checksums.bootRegion(Arrays.copyOf(region, CHECKSUM_SECTOR * ss));
        ByteBuffer b = ByteBuffer.wrap(region).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = CHECKSUM_SECTOR * ss; i < SECTORS * ss; i += 4) {
            long stored = Integer.toUnsignedLong(b.getInt(i));
            if (stored != sum) {
                throw new CorruptStructureException(STRUCTURE, at + i, "BootChecksum", Long.toHexString(sum),
                        Long.toHexString(stored));
            }
        }
        return boot;
    }
}
