package dev.polyboot.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One boot family of the classifier's table ({@link Families}): how to recognise an ISO of the family and how
 * GRUB boots it from an ISO file.
 *
 * @param id          stable id, stored in the catalogue ("debian-live")
 * @param name        what the report calls it ("Debian live-boot")
 * @param distro      distribution name when nothing more specific is found ("Debian")
 * @param edition     word for the title ("Live", "Installer"; empty for none)
 * @param probes      paths that must all exist; "a|b" means either (case-insensitive, as found in the ISO)
 * @param route       how it boots
 * @param kernel      candidate kernel paths, first found wins; a trailing '*' matches any name with that prefix
 * @param initrds     initrds in load order, each a choice among candidates
 * @param args        kernel argument templates: {@code ${iso}} and {@code ${dataUuid}} are filled per stick,
 *                    {@code ${label}} with the ISO's volume id (for dracut, spaces as \x20)
 * @param isoParam    the argument that tells the family's initramfs where the ISO file is, for the reason text
 * @param bootTested  true when a QEMU boot from an ISO file on exFAT proved the recipe (DESIGN section 3,
 *                    notes/live-recipes.md); otherwise it follows the family's documentation only
 * @param deviceArgs  kernel argument templates when polyboot's initramfs helper makes the ISO a block device
 *                    ({@code /dev/polyboot/iso}, plus {@code /dev/disk/by-label/${label}}): the family's own way to name
 *                    its medium; empty when the family has none that is known to work, and the ISO-file
 *                    {@code args} are used
 */
public record Family(String id, String name, String distro, String edition, List<String> probes, Route route,
                     List<String> kernel, List<FileChoice> initrds, List<String> args, String isoParam, boolean bootTested,
                     List<String> deviceArgs) {
    public enum Route {
        /** GRUB loads kernel + initrds out of the ISO with the family's arguments. */
        LINUX,
        /** The ISO's own /boot/grub/loopback.cfg when present, else LINUX. */
        LOOPBACK_CFG_FIRST,
        /** The ISO's own /boot/grub/loopback.cfg. */
        LOOPBACK_CFG,
        /** A single-binary tool: the menu's chainloader / memdisk routes. */
        PROGRAM,
        /** Recognised, cannot boot yet. */
        MESSAGE
    }

    /** Candidates for one file; an optional choice (microcode) is skipped when none exists. */
    public record FileChoice(List<String> candidates, boolean optional) {
        public FileChoice {
            candidates = List.copyOf(candidates);
        }

        static FileChoice of(String... candidates) {
            return new FileChoice(List.of(candidates), false);
        }

        static FileChoice optional(String... candidates) {
            return new FileChoice(List.of(candidates), true);
        }
    }

    public Family {
        Objects.requireNonNull(id, "id");
        probes = List.copyOf(probes);
        kernel = List.copyOf(kernel);
        initrds = List.copyOf(initrds);
        args = List.copyOf(args);
        deviceArgs = List.copyOf(deviceArgs);
        if ((route == Route.LINUX || route == Route.LOOPBACK_CFG_FIRST) && kernel.isEmpty()) {
            throw new IllegalArgumentException(id + ": a Linux route needs kernel candidates");
        }
    }

    /** True when the helper route is used: the distribution's initramfs then needs no exFAT driver. */
    public boolean bootsAsDevice() {
        return !deviceArgs.isEmpty();
    }
}
