package dev.polyboot.core.persistence;

import dev.polyboot.core.boot.PersistenceBoot;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one boot family keeps a live system's changes, as polyboot lays out a persistence file for it: the ext4
 * label the family looks for, the files and directories the file system must hold, and the family's kernel
 * parameters. The helper makes the file a writable device-mapper device ({@code /dev/polyboot/persistence}) before
 * the family's init looks for it; live-boot and casper find it by its label (they skip loop devices, hence dm).
 *
 * @param familyId   the catalogue's family id
 * @param label      ext4 volume label
 * @param files      path in the file system → content (UTF-8)
 * @param dirs       empty directories to create
 * @param kernelArgs the family's own parameters that turn persistence on
 * @param bootTested true when a QEMU boot proved it (PersistenceBootTest); else it follows the family's documentation
 */
public record PersistenceFamily(String familyId, String label, Map<String, String> files, List<String> dirs,
                                List<String> kernelArgs, boolean bootTested) {
    public PersistenceFamily {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(label, "label");
        files = Map.copyOf(files);
        dirs = List.copyOf(dirs);
        kernelArgs = List.copyOf(kernelArgs);
        if (label.isEmpty() || label.length() > 16) throw new IllegalArgumentException("ext4 labels hold 1-16 bytes: " + label);
    }

    /** Every family polyboot can make a persistence file for, in the catalogue's family order. */
    public static final List<PersistenceFamily> ALL = List.of(
            // live-boot(7): a file system labelled "persistence" holding persistence.conf; "/ union" keeps everything
            new PersistenceFamily("debian-live", "persistence", Map.of("/persistence.conf", "/ union\n"), List.of(),
                    List.of("persistence"), true),
            // casper(7): "persistent" and a file system labelled casper-rw, its root the overlay's upper directory
            new PersistenceFamily("casper", "casper-rw", Map.of(), List.of(), List.of("persistent"), false),
            // dracut.cmdline(7) rd.live.overlay=<devspec>:<path>, with overlayfs the upper directory and "ovlwork" beside it
            new PersistenceFamily("dracut-live", "polyboot-overlay", Map.of(), List.of("/overlayfs", "/ovlwork"),
                    List.of("rd.live.overlay=" + PersistenceBoot.DEVICE + ":/overlayfs", "rd.live.overlay.overlayfs=1"), false),
            // archiso: cow_device= holds persistent_<label>/x86_64 (archiso makes the directory)
            new PersistenceFamily("archiso", "polyboot-cow", Map.of(), List.of(), List.of("cow_device=" + PersistenceBoot.DEVICE), false),
            new PersistenceFamily("sysrescue", "polyboot-cow", Map.of(), List.of(), List.of("cow_device=" + PersistenceBoot.DEVICE), false));

    public static Optional<PersistenceFamily> of(String familyId) {
        return ALL.stream().filter(f -> f.familyId().equals(familyId)).findFirst();
    }

    /** Why a family gets no persistence file (for the refusal), or empty when it can have one. */
    public static Optional<String> whyNot(String familyId, String familyName, boolean bootsThroughHelper) {
        if (familyId == null) return Optional.of("polyboot does not know which system this image boots");
        if (familyId.equals("tails")) {
            return Optional.of("Tails keeps its Persistent Storage in an encrypted partition it creates on its own USB stick, not in a file");
        }
        if (of(familyId).isEmpty()) return Optional.of(familyName + " has no persistence that polyboot can set up");
        if (!bootsThroughHelper) {
            return Optional.of("this image does not boot through polyboot's initramfs helper, which maps the persistence file");
        }
        return Optional.empty();
    }
}
