package dev.polyboot.formats.gpt;

import dev.polyboot.formats.mbr.Chs;
import dev.polyboot.formats.mbr.Mbr;
import dev.polyboot.formats.mbr.MbrPartition;
import java.util.List;

/**
 * The protective MBR in front of a GPT (UEFI 2.10 §5.2.3): one type-EE entry from LBA 1 over the rest of the
 * disk (clamped to 2^32 - 1 sectors), so MBR-only tools see the disk as in use. Boot code is the caller's.
 */
public final class ProtectiveMbr {
    /** CHS 0/0/2: LBA 1, as the spec requires for the starting CHS of the EE entry. */
    static final int CHS_LBA_1 = 0x00_02_00;

    private ProtectiveMbr() {}

    public static Mbr create(byte[] bootCode, long diskSignature, long diskSectors) {
        if (diskSectors < 2) throw new IllegalArgumentException("disk too small: " + diskSectors + " sectors");
        long count = Math.min(diskSectors - 1, 0xFFFF_FFFFL);
        MbrPartition ee = new MbrPartition(0, CHS_LBA_1, MbrPartition.TYPE_GPT_PROTECTIVE, Chs.fromLba(count),
                1, count);
        return new Mbr(bootCode, diskSignature, 0, List.of(ee, MbrPartition.EMPTY, MbrPartition.EMPTY, MbrPartition.EMPTY));
    }

    /** True when any slot has type EE, which is how firmware and Linux recognise a GPT disk (hybrid MBRs included). */
    public static boolean isProtective(Mbr mbr) {
        return mbr.hasType(MbrPartition.TYPE_GPT_PROTECTIVE);
    }
}
