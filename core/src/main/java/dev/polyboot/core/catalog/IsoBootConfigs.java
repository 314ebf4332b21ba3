package dev.polyboot.core.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an ISO's own boot menu (GRUB or isolinux/syslinux) so that its Linux entries can be booted with the
 * kernel arguments the ISO itself passes: a family template loses what a particular ISO needs (a dracut live
 * ISO whose menu passes {@code rd.live.overlay.overlayfs=1} drops to an emergency shell without it, measured).
 * Config files are hostile input: every cost is capped ({@link ConfigFiles}) and whatever is not understood
 * becomes a problem in the result, never an exception; only the content's own {@link IOException} escapes.
 */
public final class IsoBootConfigs {
    private enum Syntax { GRUB, SYSLINUX }

    private record Candidate(String path, Syntax syntax) {}

    // loopback.cfg first: it is the menu its authors meant for booting the ISO as a file, with ${iso_path}
    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("/boot/grub/loopback.cfg", Syntax.GRUB),
            new Candidate("/boot/grub/grub.cfg", Syntax.GRUB),
            new Candidate("/EFI/BOOT/grub.cfg", Syntax.GRUB),
            new Candidate("/isolinux/isolinux.cfg", Syntax.SYSLINUX),
            new Candidate("/isolinux/txt.cfg", Syntax.SYSLINUX),
            new Candidate("/syslinux/syslinux.cfg", Syntax.SYSLINUX),
            new Candidate("/boot/isolinux/isolinux.cfg", Syntax.SYSLINUX),
            new Candidate("/boot/syslinux/syslinux.cfg", Syntax.SYSLINUX));

    private IsoBootConfigs() {}

    /**
     * The first of the usual config files (GRUB's loopback.cfg and grub.cfg, then isolinux/syslinux) that yields
     * at least one Linux entry whose kernel and initrds are files of the ISO; empty when none does. The problems
     * of candidates tried before it are kept in its {@link IsoBootConfig#problems()}.
     */
    public static Optional<IsoBootConfig> read(ImageContent iso) throws IOException {
        Objects.requireNonNull(iso, "iso");
        ConfigFiles files = new ConfigFiles(iso);
        Map<String, Optional<String>> found = new HashMap<>();
        List<String> earlier = new ArrayList<>();
        for (Candidate c : CANDIDATES) {
            if (iso.find(c.path()).isEmpty()) continue;
            List<String> problems = new ArrayList<>();
            files.begin(problems);
            Optional<ConfigFiles.Text> main = files.enter(c.path(), null);
            if (main.isEmpty()) {
                earlier.addAll(problems);
                continue;
            }
            DraftMenu draft;
            try {
                draft = c.syntax() == Syntax.GRUB ? GrubMenus.read(main.get(), files) : SyslinuxMenus.read(main.get(), files);
            } finally {
                files.leave();
            }
            Optional<IsoBootConfig> config = resolve(iso, files, main.get().path(), draft, problems, earlier, found);
            if (config.isPresent()) return config;
            earlier.addAll(problems);
            earlier.add(main.get().path() + ": no Linux entry with its files in the ISO");
        }
        return Optional.empty();
    }

    /** Draft entries with their files looked up in the ISO (exact spelling), duplicates and non-Linux left out. */
    private static Optional<IsoBootConfig> resolve(ImageContent iso, ConfigFiles files, String file, DraftMenu draft,
            List<String> problems, List<String> earlier, Map<String, Optional<String>> found) throws IOException {
        List<IsoBootEntry> entries = new ArrayList<>();
        Map<IsoBootEntry, Integer> index = new HashMap<>();
        int defaultIndex = -1;
        for (int d = 0; d < draft.entries().size(); d++) {
            DraftMenu.Entry e = draft.entries().get(d);
            if (notLinux(e.kernel())) continue;
            Optional<String> kernel = file(iso, e.kernel(), found);
            if (kernel.isEmpty()) {
                files.problem(e.where() + ": '" + e.title() + "': kernel " + e.kernel() + " is not a file of the ISO: skipped");
                continue;
            }
            List<String> initrds = new ArrayList<>();
            for (String i : e.initrds()) {
                Optional<String> exact = file(iso, i, found);
                if (exact.isEmpty()) {
                    files.problem(e.where() + ": '" + e.title() + "': initrd " + i + " is not a file of the ISO: skipped");
                    break;
                }
                initrds.add(exact.get());
            }
            if (initrds.size() < e.initrds().size()) continue;
            List<String> args = e.args().stream().filter(KernelCommandLine::keep).toList();
            // equality ignores the title: the same boot under two names is one entry
            IsoBootEntry key = new IsoBootEntry("", kernel.get(), initrds, args, "");
            Integer at = index.get(key);
            if (at == null) {
                at = entries.size();
                index.put(key, at);
                entries.add(new IsoBootEntry(e.title(), kernel.get(), initrds, args, e.source()));
            }
            if (d == draft.defaultEntry()) defaultIndex = at;
        }
        if (entries.isEmpty()) return Optional.empty();
        if (draft.defaultEntry() >= 0 && defaultIndex < 0) {
            DraftMenu.Entry d = draft.entries().get(draft.defaultEntry());
            files.problem("the default entry '" + d.title() + "' " + (notLinux(d.kernel()) ? "is not a Linux entry" : "was skipped")
                    + ": the first entry is the default");
        }
        List<String> all = new ArrayList<>(earlier);
        all.addAll(problems);
        return Optional.of(new IsoBootConfig(file, entries, Math.max(defaultIndex, 0), all));
    }

    /** Kernels that GRUB's linux or syslinux's LINUX can load but that are no Linux: memory testers, memdisk, iPXE. */
    private static boolean notLinux(String kernel) {
        String name = kernel.substring(kernel.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.contains("memtest") || name.equals("memdisk") || name.endsWith(".c32") || name.startsWith("ipxe");
    }

    private static Optional<String> file(ImageContent iso, String path, Map<String, Optional<String>> found) throws IOException {
        Optional<String> known = found.get(path);
        if (known != null) return known;
        Optional<String> exact = iso.find(path);
        // find() also answers for directories; read(..., 0) only for files
        if (exact.isPresent() && iso.read(exact.get(), 0).isEmpty()) exact = Optional.empty();
        found.put(path, exact);
        return exact;
    }
}
