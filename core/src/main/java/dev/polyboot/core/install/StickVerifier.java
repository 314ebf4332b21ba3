package dev.polyboot.core.install;

import java.util.Optional;
import java.io.InputStream;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.formats.grub.BiosBootCode;
import dev.polyboot.core.boot.EspContents;
import dev.polyboot.formats.cpio.CpioEntry;
import dev.polyboot.formats.cpio.CpioNewcReader;
import dev.polyboot.core.payload.Payload;
import dev.polyboot.core.payload.PayloadEntry;
import dev.polyboot.formats.FormatException;
import dev.polyboot.formats.exfat.ExfatCheck;
import dev.polyboot.formats.exfat.ExfatCheckReport;
import dev.polyboot.formats.exfat.ExfatFinding;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fat.FatVolume;
import dev.polyboot.formats.fs.Volume;
import dev.polyboot.formats.gpt.GptFinding;
import dev.polyboot.formats.gpt.GptVerifier;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.part.DiskPartitions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a stick back and checks it: partition table, both file systems, the boot files against the payload
 * manifest's SHA-256, and the BIOS boot code. When the stick carries this build's payload the boot code is
 * compared byte for byte with what install would write; otherwise its pointers are checked.
 */
public final class StickVerifier {
    private static final String CORRUPT_PREFIX = "CORRUPT: ";
    private static final String WARNING_PREFIX = "WARNING: ";
    private final Clock clock;

    public StickVerifier(Clock clock) {
        this.clock = clock;
    }

    /** @param payload this build's payload, for the byte-exact boot code comparison (null: pointers only) */
    public VerifyReport verify(BlockDevice dev, Payload payload) throws IOException {
        List<Finding> out = new ArrayList<>();
        StickDisk disk;
        try {
            disk = StickDisk.read(dev);
        } catch (FormatException e) {
            out.add(Finding.corrupt("partition table unreadable: " + e.getMessage()));
            return new VerifyReport(out);
        }
        DiskPartitions t = disk.table();
        if (t.style() == DiskPartitions.Style.NONE) {
            out.add(Finding.corrupt("no partition table"));
            return new VerifyReport(out);
        }
        out.add(Finding.ok(t.style() + " partition table, disk id " + t.diskId()));
        // GPT: the verifier below re-reads both copies and reports all the reader noticed, once; MBR: the reader's remarks
        if (t.style() != DiskPartitions.Style.GPT) {
            for (String f : t.findings()) {
                out.add(f.startsWith(CORRUPT_PREFIX) ? Finding.corrupt(f.substring(CORRUPT_PREFIX.length()))
                        : Finding.warning(f.startsWith(WARNING_PREFIX) ? f.substring(WARNING_PREFIX.length()) : f));
            }
        }
        if (t.style() == DiskPartitions.Style.GPT) {
            for (GptFinding f : GptVerifier.verify(dev)) {
                if (isPlannedAlignment(f)) continue;
                out.add(f.severity() == GptFinding.Severity.CORRUPT ? Finding.corrupt("GPT: " + f.message())
                        : Finding.warning("GPT: " + f.message()));
            }
            boolean ef02 = t.partitions().stream().anyMatch(p -> p.number() == 3 && p.startByte() == 34L * dev.sectorSize());
            out.add(ef02 ? Finding.ok("BIOS boot partition 3 covers the core.img gap")
                    : Finding.warning("no BIOS boot partition at LBA 34: partition tools may reuse the core.img gap"));
        }
        if (disk.data().isEmpty()) out.add(Finding.corrupt("no exFAT-type data partition 1"));
        if (disk.boot().isEmpty()) out.add(Finding.corrupt("no ESP-type boot partition 2"));
        if (t.style() == DiskPartitions.Style.MBR && disk.data().isPresent() && !disk.data().get().bootable()) {
            out.add(Finding.warning("data partition 1 is not marked active; some BIOSes skip such sticks"));
        }
        if (disk.data().isPresent()) checkData(disk, out);
        String stickDigest = disk.boot().isPresent() ? checkBoot(disk, out) : null;
        checkBootCode(disk, payload, stickDigest, out);
        return new VerifyReport(out);
    }

    /**
     * The layout puts the boot partition on a 4 KiB boundary at the very end and the BIOS boot partition at LBA 34,
     * on purpose; the generic GPT check's 1 MiB alignment advice does not apply to them.
     */
    private static boolean isPlannedAlignment(GptFinding f) {
        return f.severity() == GptFinding.Severity.WARNING && f.message().contains("not aligned to 1 MiB")
                && (f.message().startsWith("partition 2 ") || f.message().startsWith("partition 3 starts at LBA 34,"));
    }

    private void checkData(StickDisk disk, List<Finding> out) throws IOException {
        try (ExfatVolume v = ExfatVolume.open(disk.dataSlice(), clock)) {
            v.list("/");
            out.add(Finding.ok("data partition: exFAT \"" + v.label() + "\", " + v.freeBytes() + " of " + v.totalBytes()
                    + " bytes free"));
            checkCatalogue(v, out);
        } catch (FormatException e) {
            out.add(Finding.corrupt("data partition is not a readable exFAT volume: " + e.getMessage()));
            return;
        }
        checkDataConsistency(disk, out);
    }

    /** The boot menu's catalogue: an unreadable one hides nothing (the menu scans) but loses names and recipes. */
    private static void checkCatalogue(ExfatVolume v, List<Finding> out) throws IOException {
        Optional<FsEntry> f = v.stat(CatalogMenu.JSON);
        if (f.isEmpty() || f.get().directory()) return;
        try (InputStream in = java.nio.channels.Channels.newInputStream(v.open(CatalogMenu.JSON))) {
            if (f.get().size() > Catalog.MAX_BYTES) throw new IOException("larger than " + Catalog.MAX_BYTES + " bytes");
            Catalog c = Catalog.fromJson(in.readAllBytes());
            out.add(Finding.ok("catalogue " + CatalogMenu.JSON + ": " + c.entries().size() + " images"));
        } catch (IOException | RuntimeException e) {
            out.add(Finding.warning("catalogue " + CatalogMenu.JSON + " unreadable (" + e.getMessage()
                    + "); the menu falls back to scanning; 'polyboot refresh' rebuilds it"));
        }
    }

    /** The exFAT consistency check (bitmap vs tree, cross-links, loops, boot regions); polyboot refuses to write on ERRORs. */
    private static void checkDataConsistency(StickDisk disk, List<Finding> out) throws IOException {
        ExfatCheckReport r;
        try {
            r = ExfatCheck.check(disk.dataSlice());
        } catch (FormatException e) {
            out.add(Finding.corrupt("data partition: consistency check failed: " + e.getMessage()));
            return;
        }
        for (ExfatFinding f : r.findings()) {
            String m = "data partition: " + f.kind() + ": " + f.message();
            out.add(f.severity() == ExfatFinding.Severity.ERROR
                    ? Finding.corrupt(m + " (polyboot will not write to it; repair with fsck.exfat from exfatprogs)")
                    : Finding.warning(m));
        }
        if (r.findings().isEmpty()) {
            out.add(Finding.ok("data partition: consistent (" + r.directories() + " directories, " + r.files()
                    + " files; bitmap, tree and boot regions agree)"));
        }
    }

    /** Checks the boot files; returns the SHA-256 of the manifest on the stick (null if absent). */
    private String checkBoot(StickDisk disk, List<Finding> out) throws IOException {
        try (FatVolume v = FatVolume.open(disk.bootSlice(), clock)) {
            out.add(Finding.ok("boot partition: FAT" + v.fatBits() + " \"" + v.label() + "\""));
            for (String required : List.of(EspContents.GRUB_CFG, EspContents.VERSION)) {
                out.add(v.stat(required).isPresent() ? Finding.ok(required + " present") : Finding.corrupt(required + " missing"));
            }
            if (v.stat(EspContents.MANIFEST).isEmpty()) {
                out.add(Finding.corrupt(EspContents.MANIFEST + " missing: cannot check the boot files"));
                return null;
            }
            byte[] manifestJson = EspFiles.readSmall(v, EspContents.MANIFEST, ManifestFile.MAX_BYTES);
            boolean secureBoot = EspContents.isSecureBootLayout(v);
            for (PayloadEntry e : ManifestFile.parse(manifestJson)) {
                if (e.name().equals(Payload.PBINIT)) {
                    checkHelperArchive(v, e, out);
                    continue;
                }
                String path = EspContents.espPath(e.name(), secureBoot);
                if (path == null) continue;
                if (v.stat(path).isEmpty()) {
                    out.add(Finding.corrupt(path + " missing"));
                } else {
                    String actual = EspFiles.sha256(v, path);
                    out.add(actual.equals(e.sha256()) ? Finding.ok(path + " matches the manifest (sha256 " + actual.substring(0, 12) + ")")
                            : Finding.corrupt(path + " differs from the manifest: sha256 " + actual + ", expected " + e.sha256()));
                }
            }
            return EspFiles.sha256(manifestJson);
        } catch (FormatException e) {
            out.add(Finding.corrupt("boot partition is not a readable FAT volume: " + e.getMessage()));
            return null;
        }
    }

    /**
     * The initramfs helper travels inside {@link EspContents#PBINIT} (a cpio archive GRUB loads as is): its
     * {@code polyboot/init} must be the manifest's pbinit. Missing only breaks Linux ISOs booted through it.
     */
    private static void checkHelperArchive(Volume v, PayloadEntry e, List<Finding> out) throws IOException {
        String path = EspContents.PBINIT;
        if (v.stat(path).isEmpty()) {
            out.add(Finding.warning(path + " missing: Linux ISOs booted through polyboot's initramfs helper will not start; run polyboot update"));
            return;
        }
        byte[] archive = EspFiles.readSmall(v, path, 16 << 20);
        java.util.Optional<CpioEntry> init;
        try {
            init = CpioNewcReader.readAll(archive, 16 << 20).stream().filter(c -> c.name().equals("polyboot/init")).findFirst();
        } catch (FormatException x) {
            out.add(Finding.corrupt(path + " is not a readable cpio archive: " + x.getMessage()));
            return;
        }
        if (init.isEmpty()) {
            out.add(Finding.corrupt(path + " has no polyboot/init"));
            return;
        }
        String actual = EspFiles.sha256(init.get().data());
        out.add(actual.equals(e.sha256()) ? Finding.ok(path + ": polyboot/init matches the manifest (sha256 " + actual.substring(0, 12) + ")")
                : Finding.corrupt(path + ": polyboot/init differs from the manifest: sha256 " + actual + ", expected " + e.sha256()));
    }

    private static void checkBootCode(StickDisk disk, Payload payload, String stickDigest, List<Finding> out)
            throws IOException {
        BlockDevice dev = disk.device();
        int ss = dev.sectorSize();
        long coreLba = CoreImageSlots.current(dev, disk.coreImageLba()); // update alternates between two slots
        byte[] lba0 = dev.read(0, ss).array();
        if (payload != null && payload.digest().equals(stickDigest)) {
            byte[] expectBoot = BiosBootCode.bootCode(payload.bootImg(), coreLba);
            out.add(Arrays.equals(Arrays.copyOf(lba0, BiosBootCode.BOOT_CODE_SIZE), expectBoot)
                    ? Finding.ok("BIOS boot code in LBA 0 is this payload's boot.img")
                    : Finding.corrupt("BIOS boot code in LBA 0 differs from this payload's boot.img"));
            byte[] expectCore = BiosBootCode.coreImage(payload.coreImg(), coreLba);
            byte[] core = dev.read(coreLba * ss, expectCore.length).array();
            out.add(Arrays.equals(core, expectCore)
                    ? Finding.ok("core.img at LBA " + coreLba + " matches this payload")
                    : Finding.corrupt("core.img at LBA " + coreLba + " differs from this payload's core.img"));
            return;
        }
        if (payload != null && stickDigest != null) {
            out.add(Finding.warning("the stick carries another boot payload than this polyboot; 'polyboot update' installs this one"));
        }
        long kernelSector = ByteBuffer.wrap(lba0).order(ByteOrder.LITTLE_ENDIAN).getLong(BiosBootCode.KERNEL_SECTOR);
        long next = dev.read(coreLba * ss, ss).order(ByteOrder.LITTLE_ENDIAN).getLong(BiosBootCode.BLOCKLIST_START);
        boolean ok = kernelSector == coreLba && next == coreLba + 1;
        out.add(ok ? Finding.ok("BIOS boot code points at core.img (LBA " + coreLba + ")")
                : Finding.corrupt("BIOS boot code does not point at core.img: LBA 0 says " + kernelSector
                        + ", core.img says " + next + ", expected " + coreLba + " and " + (coreLba + 1)));
    }
}
