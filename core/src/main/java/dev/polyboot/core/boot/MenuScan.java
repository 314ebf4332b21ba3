package dev.polyboot.core.boot;

import dev.polyboot.core.config.StickConfig;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.Volume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images the GRUB menu will list for a data partition, in the menu's order, so that
 * {@code polyboot list} and the menu agree. First the catalogue ({@link CatalogMenu}: sorted by path, every visible
 * entry; one whose file is gone or changed size has route {@link #CHANGED}), then the runtime scan
 * of the files without a catalogue marker. GRUB 2.06 expands the scan patterns one after the other
 * ({@code /*}, then {@code /*}{@code /*}, ... up to {@link BootMenu#SCAN_DEPTH} levels); each pattern yields
 * names in the order the file system driver reads the directory (on-disk order, no sorting), nested directories
 * in their parent's order. Measured under QEMU (see docs/ARCHITECTURE.md, "Boot menu order").
 * Requires {@link Volume#list} to return entries in on-disk directory order.
 */
public final class MenuScan {
    /** Enough for any real stick; stops a hostile directory tree from exhausting memory. */
    static final int MAX_ITEMS = 100_000;

    /**
     * The route of a catalogued entry whose file is gone or has another size than when it was catalogued: the menu
     * still lists it, and choosing it says so ({@link CatalogRecipes#CHANGED}) until {@code polyboot refresh}.
     */
    public static final String CHANGED = "changed";

    private MenuScan() {}

    /** The menu of a data partition without a catalogue. */
    public static List<MenuItem> items(Volume data) throws IOException {
        return items(data, null);
    }

    /**
     * @param catalog the entries of the data partition's catalogue, or null when it has none (then GRUB does not
     *                look at markers either)
     */
    public static List<MenuItem> items(Volume data, List<CatalogMenuEntry> catalog) throws IOException {
        return items(Source.of(data), catalog);
    }

    /**
     * The data partition as the scan reads it: a {@link Volume} (polyboot's own reader on the device) or the OS's
     * mount of it. {@code list} must give entries in on-disk directory order (readdir order through a mount) and
     * throw {@link dev.polyboot.formats.NoSuchEntryException} for a directory that does not exist, or return empty.
     */
    public interface Source {
        List<FsEntry> list(String dir) throws IOException;

        Optional<FsEntry> stat(String path) throws IOException;

        static Source of(Volume v) {
            return new Source() {
                @Override public List<FsEntry> list(String dir) throws IOException { return v.list(dir); }
                @Override public Optional<FsEntry> stat(String path) throws IOException { return v.stat(path); }
            };
        }
    }

    /** As {@link #items(Volume, List)}, over any {@link Source}. */
    public static List<MenuItem> items(Source data, List<CatalogMenuEntry> catalog) throws IOException {
        return items(data, catalog, StickConfig.NONE);
    }

    /**
     * As {@link #items(Source, List)} with the stick's configuration as catalog.cfg renders it: a catalogued image's
     * alias is its title, a hidden catalogued image is left out (its marker keeps the scan from listing it), and when the
     * menu shows listed images only, so is every image not listed and every file the catalogue does not know. Settings
     * for files not in the catalogue have no effect, in the menu as here.
     */
    public static List<MenuItem> items(Source data, List<CatalogMenuEntry> catalog, StickConfig config) throws IOException {
        List<MenuItem> out = new ArrayList<>();
        Listings dirs = new Listings(data);
        if (catalog != null) {
            List<CatalogMenuEntry> sorted = new ArrayList<>(catalog);
            sorted.sort(CatalogMenu.ORDER);
            for (CatalogMenuEntry e : sorted) {
                if (!config.shown(e.path())) continue; // no pb_cat line
                // the entry is in the menu whatever became of its file (GRUB checks when it is chosen)
                Optional<FsEntry> f = dirs.stat(e.path());
                boolean same = f.isPresent() && !f.get().directory() && f.get().size() == e.size();
                ImageKind kind = ImageKind.of(e.path()).orElse(ImageKind.ISO);
                out.add(new MenuItem(e.path(), CatalogMenu.menuTitle(e, config), kind, e.size(), e.family(), e.modes(), true,
                        same ? e.route() : CHANGED));
            }
        }
        // listed images only: grub.cfg does not scan (pb_catalog=listed)
        if (catalog != null && config.listedOnly()) return List.copyOf(out);
        for (int depth = 1; depth <= BootMenu.SCAN_DEPTH; depth++) {
            expand(dirs, "/", depth, catalog != null, out);
        }
        return List.copyOf(out);
    }

    /**
     * The files of {@code catalogued} (paths compared ignoring case, as exFAT names are) as grub.cfg's runtime scan meets
     * them on {@code data} now, with their names as the directory has them: catalog.cfg hands this list to the scan
     * ({@link CatalogMenu#files}).
     */
    public static List<String> scanOrder(Source data, java.util.Collection<String> catalogued) throws IOException {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (String p : catalogued) known.add(p.toLowerCase(java.util.Locale.ROOT));
        List<MenuItem> all = new ArrayList<>();
        Listings dirs = new Listings(data);
        for (int depth = 1; depth <= BootMenu.SCAN_DEPTH; depth++) expand(dirs, "/", depth, false, all);
        return all.stream().map(MenuItem::path).filter(p -> known.contains(p.toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** All entries {@code levels} levels below {@code dir}, as GRUB's wildcard expansion visits them. */
    private static void expand(Listings v, String dir, int levels, boolean markers, List<MenuItem> out) throws IOException {
        for (FsEntry e : v.list(dir)) {
            if (levels > 1) {
                // hidden folders (/.polyboot, .Trash-1000) are not scanned: grub.cfg's regex skips paths through them
                if (e.directory() && !e.name().startsWith(".")) expand(v, e.path(), levels - 1, markers, out);
                continue;
            }
            Optional<ImageKind> kind = ImageKind.of(e.name());
            if (kind.isEmpty() || e.directory()) continue;
            if (markers && v.stat(CatalogMenu.markerPath(e.path())).isPresent()) continue;
            if (out.size() >= MAX_ITEMS) throw new IOException("more than " + MAX_ITEMS + " image files on the data partition");
            out.add(plain(e, kind.get()));
        }
    }

    private static MenuItem plain(FsEntry e, ImageKind kind) {
        return new MenuItem(e.path(), e.path().substring(1), kind, e.size());
    }
}
