package dev.polyboot.core.catalog;

import dev.polyboot.core.boot.BootMenu;
import dev.polyboot.core.boot.BootMode;
import dev.polyboot.core.boot.BootRecipe;
import dev.polyboot.core.boot.PbinitArgs;
import dev.polyboot.core.catalog.Family.FileChoice;
import dev.polyboot.core.catalog.Family.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Classifies the content of a CD/DVD image: family by the table, distribution, architectures, recipe. */
final class IsoClassifier {
    static final String LOOPBACK_CFG = "/boot/grub/loopback.cfg";
    /** Where ISOs keep the El Torito UEFI FAT image as a file (the menu's runtime route knows the same list). */
    static final List<String> EFI_IMAGES = List.of("/efi.img", "/boot/grub/efi.img", "/images/efiboot.img", "/EFI/BOOT/efiboot.img");

    private IsoClassifier() {}

    record Result(List<String> architectures, List<BootMode> firmware, Family family, String distro, String version,
                  String title, BootRecipe recipe, String reason, List<String> notes) {}

    static Result classify(String fileName, long size, ImageContent iso, boolean hybridBootCode) throws IOException {
        Set<BootMode> firmware = EnumSet.noneOf(BootMode.class);
        firmware.addAll(iso.elTorito());
        if (hybridBootCode) firmware.add(BootMode.BIOS);
        Set<String> arch = new TreeSet<>();
        for (String n : iso.find("/EFI/BOOT").map(d -> listQuietly(iso, d)).orElse(List.of())) {
            Optional<String> a = Architectures.ofEfiLoader(n);
            if (a.isPresent()) {
                arch.add(a.get());
                firmware.add(BootMode.UEFI);
            }
        }
        IsoIdentity id = IsoIdentity.of(iso);
        id.texts().forEach(t -> arch.addAll(Architectures.inText(t)));

        Family family = null;
        List<String> evidence = List.of();
        for (Family f : Families.ALL) {
            Optional<List<String>> found = PathPatterns.all(iso, f.probes());
            if (found.isPresent()) {
                family = f;
                evidence = found.get();
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        Optional<DistroRules.Distro> distro = id.packageHint().map(n -> new DistroRules.Distro(n, ""))
                .or(() -> DistroRules.match(id.texts()));
        if (id.packageHint().isPresent()) {
            // the version still comes from the texts when they name the same distribution
            Optional<DistroRules.Distro> fromTexts = DistroRules.match(id.texts());
            if (fromTexts.isPresent() && fromTexts.get().name().equals(id.packageHint().get())) distro = fromTexts;
        }
        String distroName = distro.map(DistroRules.Distro::name).orElse(family == null || family.distro().isEmpty() ? null : family.distro());
        String version = distro.map(DistroRules.Distro::version).filter(v -> !v.isEmpty()).orElse(null);

        Chosen chosen = family == null ? unknown(iso, size, firmware) : recipe(family, evidence, iso, size, firmware, arch, notes);
        String reason = chosen.reason;
        if (chosen.recipe instanceof BootRecipe.Linux linux && !linux.isoDevice()) {
            // the live system's own initramfs must read the exFAT data partition to find the ISO file
            InitrdModules.ExfatDriver exfat = InitrdModules.exfat(iso, linux.initrds());
            reason = exfat.fact().map(f -> chosen.reason + "; " + f).orElse(reason);
            exfat.note().ifPresent(notes::add);
        }
        arch.addAll(chosen.archFromPaths);
        String edition = family == null ? "" : family.edition();
        String title = title(distroName, version, edition, arch, fileName, iso.volumeId().orElse(null));
        return new Result(List.copyOf(arch), List.copyOf(EnumSet.copyOf(firmware.isEmpty() ? EnumSet.noneOf(BootMode.class) : firmware)),
                family, distroName, version, title, chosen.recipe, reason, notes);
    }

    private record Chosen(BootRecipe recipe, String reason, Set<String> archFromPaths) {}

    private static Chosen recipe(Family f, List<String> evidence, ImageContent iso, long size, Set<BootMode> firmware,
                                 Set<String> arch, List<String> notes) throws IOException {
        String found = String.join(", ", evidence) + " found";
        if (!f.bootTested() && f.route() != Route.MESSAGE) notes.add("the " + f.name() + " recipe follows its documentation; no boot test proves it yet");
        switch (f.route()) {
            case MESSAGE:
                return new Chosen(new BootRecipe.Message(f.name() + " images cannot be booted yet"),
                        f.name() + ": " + found + "; recognised, booting it is not supported yet", Set.of());
            case PROGRAM:
                return program(f.name() + ": " + found, iso, size, firmware);
            case LOOPBACK_CFG:
                return new Chosen(new BootRecipe.LoopbackConfig(evidence.get(0), List.of(BootMode.BIOS, BootMode.UEFI)),
                        f.name() + ": " + found + "; booting the ISO's own loopback.cfg with iso_path set", Set.of());
            case LOOPBACK_CFG_FIRST:
                Optional<String> cfg = iso.find(LOOPBACK_CFG);
                if (cfg.isPresent()) {
                    return new Chosen(new BootRecipe.LoopbackConfig(cfg.get(), List.of(BootMode.BIOS, BootMode.UEFI)),
                            f.name() + ": " + found + "; booting the ISO's own " + cfg.get() + " with iso_path set", Set.of());
                }
                return linux(f, found, iso, arch, notes);
            default:
                return linux(f, found, iso, arch, notes);
        }
    }

    private static Chosen linux(Family f, String found, ImageContent iso, Set<String> arch, List<String> notes) throws IOException {
        Optional<String> kernel = PathPatterns.first(iso, f.kernel());
        if (kernel.isEmpty()) return fallback(f, found + " but no kernel (" + String.join(", ", f.kernel()) + ")", iso);
        String name = kernel.get().substring(kernel.get().lastIndexOf('/') + 1);
        String suffix = name.startsWith("vmlinuz") ? name.substring("vmlinuz".length()) : "";
        List<String> initrds = new ArrayList<>();
        for (FileChoice c : f.initrds()) {
            List<String> candidates = c.candidates().stream()
                    .filter(x -> !x.contains(Families.KERNEL_SUFFIX) || !suffix.isEmpty())
                    .map(x -> x.replace(Families.KERNEL_SUFFIX, suffix)).toList();
            Optional<String> i = PathPatterns.first(iso, candidates);
            if (i.isPresent()) initrds.add(i.get());
            else if (!c.optional()) return fallback(f, found + " but no initrd (" + String.join(", ", c.candidates()) + ")", iso);
        }
        String label = PbinitArgs.udevLabel(iso.volumeId().orElse(""));
        List<String> args = (f.bootsAsDevice() ? f.deviceArgs() : f.args()).stream().map(a -> a.replace("${label}", label)).toList();
        Set<String> pathArch = Architectures.inText(kernel.get() + " " + String.join(" ", initrds));
        if (kernel.get().startsWith("/install.amd")) pathArch.add("amd64");
        if (kernel.get().startsWith("/install.386")) pathArch.add("i386");
        Set<String> all = new TreeSet<>(arch);
        all.addAll(pathArch);
        List<BootMode> modes = List.of(BootMode.BIOS, BootMode.UEFI);
        if (!all.isEmpty() && !all.contains("amd64") && !all.contains("i386")) {
            return new Chosen(new BootRecipe.Message("built for " + String.join(", ", all) + "; polyboot boots x86 PCs"),
                    f.name() + ": " + found + "; not an x86 image", pathArch);
        }
        if (!all.isEmpty() && !all.contains("amd64")) modes = List.of(BootMode.BIOS); // a 32-bit kernel has no x86_64 EFI entry
        // The helper is an x86_64 program: a 32-bit kernel could not start it (and would then find no /init to fall back on).
        boolean device = f.bootsAsDevice() && (all.isEmpty() || all.contains("amd64"));
        if (f.bootsAsDevice() && !device) {
            notes.add("polyboot's initramfs helper is built for x86_64 only: this 32-bit system must find its ISO on exFAT itself");
            args = f.args().stream().map(a -> a.replace("${label}", label)).toList();
        }
        String naming = args.stream().filter(a -> a.contains(PbinitArgs.DEVICE) || a.contains("LABEL=")).findFirst().orElse("");
        String how = device
                ? "; polyboot's initramfs helper makes the ISO file a block device (no exFAT driver needed), named by " + naming
                : f.isoParam().isEmpty() ? "" : " with " + f.isoParam() + " (its initramfs must read exFAT)";
        BootRecipe.Linux template = new BootRecipe.Linux(kernel.get(), initrds, args, modes, device);
        OwnMenu own = ownMenu(f, iso, template, notes);
        return new Chosen(own.recipe, f.name() + ": " + found + "; booting " + own.recipe.kernel() + own.what + how, pathArch);
    }

    private record OwnMenu(BootRecipe.Linux recipe, String what) {}

    /**
     * The ISO's own boot menu, when it can be read: its default entry (or the first that boots this family's kernel)
     * with its own arguments plus what polyboot's route needs ({@link IsoKernelArgs}), its other entries of the same
     * family as {@link BootRecipe.Linux#more()}. Otherwise the family's template, with a note saying why.
     */
    private static OwnMenu ownMenu(Family f, ImageContent iso, BootRecipe.Linux template, List<String> notes) throws IOException {
        Optional<IsoBootConfig> read = IsoBootConfigs.read(iso);
        if (read.isEmpty()) {
            notes.add("its own boot menu has no Linux entry polyboot could read: the " + f.name() + " family's arguments are used");
            return new OwnMenu(template, "");
        }
        IsoBootConfig cfg = read.get();
        List<IsoBootEntry> ours = cfg.entries().stream().filter(e -> sameFamily(template, e)).toList();
        if (ours.isEmpty()) {
            notes.add("no entry of its own boot menu (" + cfg.file() + ") starts a " + f.name() + " kernel: the family's arguments are used");
            return new OwnMenu(template, "");
        }
        if (!cfg.problems().isEmpty()) {
            notes.add("parts of its own boot menu were left out: " + cfg.problems().get(0)
                    + (cfg.problems().size() > 1 ? " (and " + (cfg.problems().size() - 1) + " more)" : ""));
        }
        IsoBootEntry main = ours.contains(cfg.defaultEntry()) ? cfg.defaultEntry() : ours.get(0);
        List<BootRecipe.Linux.Entry> more = new ArrayList<>();
        for (IsoBootEntry e : ours) {
            if (e == main) continue;
            more.add(new BootRecipe.Linux.Entry(e.title(), e.kernel(), initrds(e, template), IsoKernelArgs.merge(e.args(), template.args())));
        }
        BootRecipe.Linux recipe = new BootRecipe.Linux(main.kernel(), initrds(main, template), IsoKernelArgs.merge(main.args(), template.args()),
                template.modes(), template.isoDevice(), more);
        return new OwnMenu(recipe, " with the arguments of its own menu entry \"" + main.title() + "\" (" + cfg.file() + ")"
                + (more.isEmpty() ? "" : ", its " + more.size() + " other entr" + (more.size() == 1 ? "y" : "ies") + " in a submenu"));
    }

    /** An ISO entry without initrds keeps the family's (an initrd-less live kernel would panic). */
    private static List<String> initrds(IsoBootEntry e, BootRecipe.Linux template) {
        return e.initrds().isEmpty() ? template.initrds() : e.initrds();
    }

    /** The entry starts this family's kernel: the one the template found, or another in its directory ("vmlinuz-…"). */
    private static boolean sameFamily(BootRecipe.Linux template, IsoBootEntry e) {
        String dir = template.kernel().substring(0, template.kernel().lastIndexOf('/') + 1);
        return e.kernel().equalsIgnoreCase(template.kernel())
                || e.kernel().regionMatches(true, 0, dir, 0, dir.length()) && e.kernel().indexOf('/', dir.length()) < 0;
    }

    /** The family's files are not where the table says: the ISO's own loopback.cfg if any, else a message. */
    private static Chosen fallback(Family f, String what, ImageContent iso) throws IOException {
        Optional<String> cfg = iso.find(LOOPBACK_CFG);
        if (cfg.isPresent()) {
            return new Chosen(new BootRecipe.LoopbackConfig(cfg.get(), List.of(BootMode.BIOS, BootMode.UEFI)),
                    f.name() + ": " + what + "; booting the ISO's own " + cfg.get() + " instead", Set.of());
        }
        return new Chosen(new BootRecipe.Message("looks like " + f.name() + " but its kernel or initrd is missing"),
                f.name() + ": " + what, Set.of());
    }

    private static Chosen unknown(ImageContent iso, long size, Set<BootMode> firmware) throws IOException {
        if (firmware.isEmpty()) {
            return new Chosen(new BootRecipe.Message("no boot loader in this image"),
                    "no known family and no El Torito or /EFI/BOOT boot loader", Set.of());
        }
        return program("no known family", iso, size, firmware);
    }

    /** The menu's runtime routes: UEFI chainloads the ISO's EFI loader (or its EFI image), BIOS uses memdisk. */
    private static Chosen program(String what, ImageContent iso, long size, Set<BootMode> firmware) throws IOException {
        List<BootMode> modes = new ArrayList<>();
        List<String> how = new ArrayList<>();
        if (firmware.contains(BootMode.BIOS) && size <= BootMenu.BIOS_MEMDISK_LIMIT_BYTES) {
            modes.add(BootMode.BIOS);
            how.add("BIOS: the whole image in RAM through memdisk");
        }
        Optional<String> loader = PathPatterns.first(iso, "/EFI/BOOT/BOOTX64.EFI");
        Optional<String> efiImage = PathPatterns.first(iso, EFI_IMAGES);
        if (loader.isPresent()) {
            modes.add(BootMode.UEFI);
            how.add("UEFI: chainloader " + loader.get());
        } else if (efiImage.isPresent()) {
            modes.add(BootMode.UEFI);
            how.add("UEFI: chainloader of the EFI loader inside " + efiImage.get());
        }
        if (modes.isEmpty()) {
            return new Chosen(new BootRecipe.Message("no boot route for this image (BIOS memdisk needs 512 MiB or less, UEFI an x64 loader)"),
                    what + "; no route: too big for memdisk and no x64 EFI loader", Set.of());
        }
        return new Chosen(new BootRecipe.Program(modes), what + "; " + String.join("; ", how), Set.of());
    }

    static String title(String distro, String version, String edition, Set<String> arch, String fileName, String volumeId) {
        StringBuilder t = new StringBuilder();
        if (distro != null) {
            t.append(distro);
            if (version != null) t.append(' ').append(version);
            if (!edition.isEmpty()) t.append(' ').append(edition);
        } else if (volumeId != null && !volumeId.isBlank()) {
            t.append(volumeId.strip());
        } else {
            t.append(fileName);
        }
        if (!arch.isEmpty()) t.append(" (").append(String.join(", ", arch)).append(')');
        return t.toString();
    }

    private static List<String> listQuietly(ImageContent iso, String dir) {
        try {
            return iso.list(dir);
        } catch (IOException e) {
            return List.of();
        }
    }
}
