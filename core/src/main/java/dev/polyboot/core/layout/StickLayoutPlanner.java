package dev.polyboot.core.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Turns an {@link InstallRequest} into a {@link StickLayout}. Pure: the same request (with an equally
 * seeded random source) gives the same layout, so golden tests and image digests can pin it.
 */
public final class StickLayoutPlanner {
    private StickLayoutPlanner() {}

    public static final long MIB = 1L << 20;
    public static final int SECTOR = 512;
    /** Data partition starts at 1 MiB: aligned for every flash erase block and leaves the core.img gap. */
    public static final long DATA_START_BYTES = MIB;
    public static final long BOOT_BYTES = 64 * MIB;
    /** The boot partition sits at the end of the disk; 4 KiB alignment keeps it on whole flash pages. */
    public static final long BOOT_ALIGN = 4096;
    /** exFAT below this holds nothing useful next to a 64 MiB boot partition. */
    public static final long MIN_DATA_BYTES = 32 * MIB;
    public static final String BOOT_LABEL = "PBOOT";
    public static final String BIOS_BOOT_NAME = "BIOS boot";
    public static final long MBR_CORE_LBA = 1;
    /** First LBA after the primary GPT (header at 1, 128 × 128-byte entries at 2–33). */
    public static final long GPT_CORE_LBA = 34;
    /** Backup GPT at the end: 32 entry sectors + 1 header sector. */
    static final long GPT_BACKUP_SECTORS = 33;
    private static final long MBR_MAX_SECTORS = 0xFFFF_FFFFL;
    private static final String LABEL_FORBIDDEN = "\"*/:<>?\\|";

    public static StickLayout plan(InstallRequest req) throws LayoutException {
        if (req.sectorSize() == 4096) {
            throw new LayoutException("disks with 4096-byte logical sectors (4Kn) are not supported yet",
                    "use a stick with 512-byte sectors (nearly all USB sticks) or an image file");
        }
        if (req.sectorSize() != SECTOR) {
            throw new LayoutException("unsupported sector size " + req.sectorSize(), "only 512-byte sectors are supported");
        }
        if (req.diskBytes() <= 0 || req.diskBytes() % SECTOR != 0) {
            throw new LayoutException("disk size " + req.diskBytes() + " is not a positive multiple of 512 bytes",
                    "give the image size in MiB or GiB, e.g. --size 8G");
        }
        if (req.reserveBytes() < 0 || req.reserveBytes() % MIB != 0) {
            throw new LayoutException("reserve must be a non-negative number of MiB", "e.g. --reserve 1024");
        }
        checkLabel(req.dataLabel());
        boolean gpt = req.style() == PartitionStyle.GPT;
        long totalSectors = req.diskBytes() / SECTOR;
        if (!gpt && totalSectors > MBR_MAX_SECTORS) {
            throw new LayoutException("the disk is larger than 2 TiB, which an MBR partition table cannot address",
                    "use --gpt");
        }
        // MBR sticks leave the backup GPT's sectors free as well: the stick can then be converted to GPT in
        // place (sgdisk -g) without moving the boot partition, and sgdisk -v finds no overlap on it.
        long usableEnd = req.diskBytes() - GPT_BACKUP_SECTORS * SECTOR;
        long minimum = DATA_START_BYTES + MIN_DATA_BYTES + BOOT_BYTES + req.reserveBytes() + (req.diskBytes() - usableEnd);
        long bootStart = alignDown(usableEnd - req.reserveBytes() - BOOT_BYTES, BOOT_ALIGN);
        if (bootStart - DATA_START_BYTES < MIN_DATA_BYTES) {
            throw new LayoutException("the disk is too small: " + req.diskBytes() + " bytes, polyboot needs at least "
                    + ceilMib(minimum) + " MiB" + (req.reserveBytes() > 0 ? " with this --reserve" : ""),
                    req.reserveBytes() > 0 ? "use a smaller --reserve or a bigger disk" : "use a bigger disk or image (--size 1G)");
        }

        RandomGenerator rnd = req.random();
        long diskSignature = nonZeroU32(rnd);
        UUID diskGuid = gpt ? randomGuid(rnd) : null;
        UUID dataGuid = gpt ? randomGuid(rnd) : null;
        UUID bootGuid = gpt ? randomGuid(rnd) : null;
        UUID biosGuid = gpt ? randomGuid(rnd) : null;
        long dataSerial = nonZeroU32(rnd);
        long bootSerial = nonZeroU32(rnd);

        long dataFirst = DATA_START_BYTES / SECTOR;
        long bootFirst = bootStart / SECTOR;
        List<PlannedPartition> parts = new ArrayList<>();
        parts.add(new PlannedPartition(1, PartitionRole.DATA, dataFirst, bootFirst - dataFirst, SECTOR,
                gpt ? 0 : PartitionTypes.MBR_EXFAT, !gpt, gpt ? PartitionTypes.GPT_BASIC_DATA : null, dataGuid,
                gpt ? req.dataLabel() : null, FileSystemKind.EXFAT, req.dataLabel(), dataSerial));
        parts.add(new PlannedPartition(2, PartitionRole.BOOT, bootFirst, BOOT_BYTES / SECTOR, SECTOR,
                gpt ? 0 : PartitionTypes.MBR_ESP, false, gpt ? PartitionTypes.GPT_ESP : null, bootGuid,
                gpt ? BOOT_LABEL : null, FileSystemKind.FAT16, BOOT_LABEL, bootSerial));
        long coreLba = gpt ? GPT_CORE_LBA : MBR_CORE_LBA;
        if (gpt) {
            parts.add(new PlannedPartition(3, PartitionRole.BIOS_BOOT, GPT_CORE_LBA, dataFirst - GPT_CORE_LBA, SECTOR,
                    0, false, PartitionTypes.GPT_BIOS_BOOT, biosGuid, BIOS_BOOT_NAME, FileSystemKind.NONE, null, 0));
        }
        return new StickLayout(req.diskBytes(), SECTOR, req.style(), diskSignature, diskGuid, coreLba,
                dataFirst - coreLba, req.reserveBytes(), parts);
    }

    /** exFAT allows 11 UTF-16 units; the characters Windows forbids in file names are refused too. */
    static void checkLabel(String label) throws LayoutException {
        if (label.isBlank() || label.length() > 11) {
            throw new LayoutException("label \"" + label + "\" must be 1 to 11 characters", "e.g. --label POLYBOOT");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c < 0x20 || c == 0x7F || LABEL_FORBIDDEN.indexOf(c) >= 0) {
                throw new LayoutException("label \"" + label + "\" contains a character exFAT does not allow: "
                        + (c < 0x20 || c == 0x7F ? String.format("U+%04X", (int) c) : String.valueOf(c)),
                        "use letters, digits, space, '-' or '_'");
            }
        }
    }

    static long alignDown(long value, long align) {
        return value - Math.floorMod(value, align);
    }

    private static long ceilMib(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }

    private static long nonZeroU32(RandomGenerator rnd) {
        long v;
        do {
            v = rnd.nextInt() & 0xFFFF_FFFFL;
        } while (v == 0);
        return v;
    }

    /** RFC 4122 version-4 GUID drawn from {@code rnd} (not UUID.randomUUID, which cannot be seeded). */
    static UUID randomGuid(RandomGenerator rnd) {
        long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rnd.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
