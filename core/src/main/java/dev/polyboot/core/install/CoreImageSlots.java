package dev.polyboot.core.install;

import dev.polyboot.formats.grub.BiosBootCode;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteOrder;

/**
 * Where core.img may lie: the home slot (LBA 1 on MBR, 34 on GPT, where install puts it) or the alternate slot at
 * LBA 1024, in the second half of the gap before LBA 2048 (the BIOS-boot partition on GPT spans 34–2047). update
 * writes the new core.img into the slot LBA 0 does not point at and only then switches the pointer, in one sector
 * write: an interruption leaves boot.img pointing at a complete core.img, old or new. GRUB 2.06's core.img is 442
 * sectors, so both slots fit (home on GPT: 990 sectors).
 */
final class CoreImageSlots {
    /** The alternate slot's first LBA. */
    static final long ALTERNATE_LBA = 1024;

    private CoreImageSlots() {}

    /** The LBA boot.img in LBA 0 points at. */
    static long pointer(BlockDevice dev) throws IOException {
        return dev.read(0, dev.sectorSize()).order(ByteOrder.LITTLE_ENDIAN).getLong(BiosBootCode.KERNEL_SECTOR);
    }

    /** The slot core.img is in: LBA 0's pointer if it names one of the two slots, else the home slot. */
    static long current(BlockDevice dev, long home) throws IOException {
        long p = pointer(dev);
        return p == ALTERNATE_LBA ? ALTERNATE_LBA : home;
    }

    /**
     * The slot to write a core.img of {@code sectors} sectors into without touching the one LBA 0 points at, or -1 when
     * there is none (core.img grown past half the gap): the caller then writes over the home slot.
     */
    static long free(BlockDevice dev, long home, long sectors, long gapEndLba) throws IOException {
        long cur = pointer(dev);
        long curSectors = 0;
        if (cur >= 1 && cur < gapEndLba) {
            curSectors = 1 + Short.toUnsignedInt(dev.read(cur * dev.sectorSize(), dev.sectorSize())
                    .order(ByteOrder.LITTLE_ENDIAN).getShort(BiosBootCode.BLOCKLIST_LENGTH));
        }
        for (long slot : cur == ALTERNATE_LBA ? new long[] {home, ALTERNATE_LBA} : new long[] {ALTERNATE_LBA, home}) {
            long end = slot + sectors;
            boolean fits = end <= gapEndLba;
            boolean clear = curSectors == 0 || end <= cur || slot >= cur + curSectors;
            if (fits && clear) return slot;
        }
        return -1;
    }

    static long gapEnd(long dataStartByte, int sectorSize) {
        return Math.min(BiosBootCode.GAP_END_LBA, dataStartByte / sectorSize);
    }
}
