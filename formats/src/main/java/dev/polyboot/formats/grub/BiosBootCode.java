package dev.polyboot.formats.grub;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What {@code grub-bios-setup} writes, done by hand (DESIGN section 3): GRUB's boot.img patched for LBA 0
 * and core.img patched with the sector it is read from. Offsets per GRUB 2.06
 * {@code include/grub/i386/pc/boot.h} (boot.img) and {@code grub-core/boot/i386/pc/diskboot.S} (core.img).
 */
public final class BiosBootCode {
    /** Bytes of boot code in an MBR before the disk signature (the partition table stays ours). */
    public static final int BOOT_CODE_SIZE = 440;
    /** boot.img: 8-byte LE LBA of core.img's first sector (GRUB_BOOT_MACHINE_KERNEL_SECTOR). */
    public static final int KERNEL_SECTOR = 0x5C;
    /**
     * boot.img: a 2-byte jmp over the boot-drive check. grub-bios-setup NOPs it for hard disks so that a BIOS
     * passing 0x00/0x01 for a USB stick booted as a hard disk is corrected to 0x80.
     */
    public static final int DRIVE_CHECK = 0x66;
    /** core.img sector 0 (diskboot): first blocklist entry, 8-byte LE start LBA of the rest of core.img. */
    public static final int BLOCKLIST_START = 0x1F4;
    /** core.img sector 0: 2-byte LE sector count of that blocklist entry, filled in by grub-mkimage. */
    public static final int BLOCKLIST_LENGTH = 0x1FC;
    public static final int SECTOR = 512;
    /** core.img must end before the first partition at LBA 2048 (MBR) or the end of the EF02 partition (GPT). */
    public static final long GAP_END_LBA = 2048;

    private BiosBootCode() {}

    /** The 440 bytes for LBA 0: boot.img with the drive check disabled and core.img's LBA set. */
    public static byte[] bootCode(byte[] bootImg, long coreLba) {
        if (bootImg.length != SECTOR) throw new IllegalArgumentException("boot.img must be 512 bytes, got " + bootImg.length);
        requireLba(coreLba);
        byte[] code = Arrays.copyOf(bootImg, BOOT_CODE_SIZE);
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(KERNEL_SECTOR, coreLba);
        code[DRIVE_CHECK] = (byte) 0x90;
        code[DRIVE_CHECK + 1] = (byte) 0x90;
        return code;
    }

    /** core.img with its first blocklist entry pointing at the sector after {@code coreLba}. */
    public static byte[] coreImage(byte[] coreImg, long coreLba) {
        requireLba(coreLba);
        if (coreImg.length < SECTOR) throw new IllegalArgumentException("core.img shorter than one sector: " + coreImg.length);
        long sectors = sectors(coreImg);
        if (Math.addExact(coreLba, sectors) > GAP_END_LBA) {
            throw new IllegalArgumentException("core.img (" + sectors + " sectors) at LBA " + coreLba + " does not end before LBA " + GAP_END_LBA);
        }
        byte[] out = coreImg.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int length = Short.toUnsignedInt(b.getShort(BLOCKLIST_LENGTH));
        if (length != sectors - 1) {
            throw new IllegalArgumentException("core.img blocklist length at 0x1FC is " + length + ", expected " + (sectors - 1)
                    + " (not an i386-pc core.img from grub-mkimage?)");
        }
        b.putLong(BLOCKLIST_START, coreLba + 1);
        return out;
    }

    /** Sectors core.img occupies on disk (the last one padded with zeros by the writer). */
    public static long sectors(byte[] coreImg) {
        return (coreImg.length + SECTOR - 1L) / SECTOR;
    }

    private static void requireLba(long lba) {
        if (lba < 1 || lba >= GAP_END_LBA) throw new IllegalArgumentException("core.img LBA must be in 1.." + (GAP_END_LBA - 1) + ", got " + lba);
    }
}
