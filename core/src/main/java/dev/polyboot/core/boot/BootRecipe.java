package dev.polyboot.core.boot;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * How the menu boots one classified image: data only; {@link CatalogMenu} turns it into GRUB commands.
 * Kernel arguments are templates whose {@code ${iso}} (the image's path on the data partition) and
 * {@code ${dataUuid}} (the data partition's file-system UUID as Linux names it) are filled in per stick by
 * {@link #resolve}; everything read from the image itself (paths, volume label) is already literal.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BootRecipe.Linux.class, name = "linux"),
        @JsonSubTypes.Type(value = BootRecipe.LoopbackConfig.class, name = "loopback-cfg"),
        @JsonSubTypes.Type(value = BootRecipe.Program.class, name = "program"),
        @JsonSubTypes.Type(value = BootRecipe.Message.class, name = "message")})
public sealed interface BootRecipe {
    String ISO = "${iso}";
    String DATA_UUID = "${dataUuid}";

    /** The firmware modes this recipe can start the image in. */
    List<BootMode> modes();

    /**
     * GRUB itself loads the kernel and initrds out of the ISO (loopback); initrds are loaded in list order
     * (microcode first). With {@code isoDevice} polyboot's initramfs helper goes first and makes the ISO file a block
     * device ({@link PbinitArgs}), and {@code args} name that device the family's way; otherwise {@code args} are the
     * family's "boot from an ISO file" arguments and its initramfs must read exFAT itself.
     */
    record Linux(String kernel, List<String> initrds, List<String> args, List<BootMode> modes, boolean isoDevice,
                 List<Entry> more) implements BootRecipe {
        public Linux(String kernel, List<String> initrds, List<String> args, List<BootMode> modes) {
            this(kernel, initrds, args, modes, false, List.of());
        }

        public Linux(String kernel, List<String> initrds, List<String> args, List<BootMode> modes, boolean isoDevice) {
            this(kernel, initrds, args, modes, isoDevice, List.of());
        }

        public Linux {
            initrds = List.copyOf(initrds);
            args = List.copyOf(args);
            modes = sorted(modes);
            more = more == null ? List.of() : List.copyOf(more);
            requireIsoPath(kernel);
            initrds.forEach(Linux::requireIsoPath);
        }

        /**
         * Another entry of the ISO's own boot menu ("safe graphics", "failsafe", "install"), booted the same way as the
         * recipe (same modes, same route), with the ISO's arguments for it.
         */
        public record Entry(String title, String kernel, List<String> initrds, List<String> args) {
            public Entry {
                java.util.Objects.requireNonNull(title, "title");
                initrds = List.copyOf(initrds);
                args = List.copyOf(args);
                requireIsoPath(kernel);
                initrds.forEach(Linux::requireIsoPath);
            }
        }

        private static void requireIsoPath(String p) {
            if (!p.startsWith("/") || p.contains("//")) throw new IllegalArgumentException("not an absolute ISO path: " + p);
        }
    }

    /** The ISO's own {@code loopback.cfg} with {@code iso_path} exported and root = the loop device. */
    record LoopbackConfig(String config, List<BootMode> modes) implements BootRecipe {
        public LoopbackConfig {
            modes = sorted(modes);
        }
    }

    /** A single-binary tool: the menu's runtime routes (UEFI chainloader, BIOS memdisk) boot it. */
    record Program(List<BootMode> modes) implements BootRecipe {
        public Program {
            modes = sorted(modes);
        }
    }

    /** Recognised but not bootable (yet): the entry says why and returns to the menu. */
    record Message(String text) implements BootRecipe {
        @Override
        public List<BootMode> modes() {
            return List.of();
        }
    }

    /** In enum order without duplicates, so that JSON and GRUB output are stable. */
    static List<BootMode> sorted(Collection<BootMode> modes) {
        return modes.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(modes));
    }

    /** {@code template} with {@code ${iso}} and {@code ${dataUuid}} replaced. */
    static String resolve(String template, String isoPath, String dataUuid) {
        return template.replace(ISO, isoPath).replace(DATA_UUID, dataUuid);
    }
}
