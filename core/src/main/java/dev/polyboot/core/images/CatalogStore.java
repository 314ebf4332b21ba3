package dev.polyboot.core.images;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and writes the catalogue files of a data partition: {@code catalog.json} (the record), {@code
 * catalog.cfg} (the menu's part) and the marker tree. Order matters for a crash at any point: a marker
 * without its catalog.cfg entry would hide a file from the menu, so markers are removed before and created
 * after the catalogue files are replaced; the worst an interruption leaves is a file listed twice.
 */
final class CatalogStore {
    private CatalogStore() {}

    /** Reads files of the data partition: the catalogue is read through a store or straight from the volume. */
    interface Reader {
        Optional<FsEntry> stat(String path) throws IOException;

        InputStream read(String path) throws IOException;
    }

    /**
     * The catalogue, never blocking the caller: {@code catalog.json} if readable; else a valid {@code catalog.json.tmp}
     * (the state a crash between deleting the old file and renaming the new one leaves, see {@link #write}); else
     * none. Each fallback is reported through {@code warnings}.
     */
    static Optional<Catalog> read(Reader files, Consumer<String> warnings) {
        String damage = null;
        try {
            Optional<Catalog> c = readFile(files, CatalogMenu.JSON);
            if (c.isPresent()) return c;
        } catch (IOException e) {
            damage = e.getMessage();
        }
        String tmp = CatalogMenu.JSON + ".tmp";
        try {
            Optional<Catalog> c = readFile(files, tmp);
            if (c.isPresent()) {
                warnings.accept((damage == null ? CatalogMenu.JSON + " is missing" : damage) + "; using " + tmp
                        + ", left by an interrupted catalogue update");
                return c;
            }
        } catch (IOException e) {
            // a half-written tmp is the expected leftover of a crash before the rename; the main file decides
        }
        if (damage != null) warnings.accept(damage + "; treated as no catalogue");
        return Optional.empty();
    }

    /** The data partition as grub.cfg's scan reads it: directories in their on-disk order. */
    static dev.polyboot.core.boot.MenuScan.Source scanSource(DataStore store) {
        return new dev.polyboot.core.boot.MenuScan.Source() {
            @Override public List<FsEntry> list(String dir) throws IOException { return store.listInDirectoryOrder(dir); }
            @Override public Optional<FsEntry> stat(String path) throws IOException { return store.stat(path); }
        };
    }

    static Optional<Catalog> read(DataStore store, Consumer<String> warnings) {
        return read(new Reader() {
            @Override public Optional<FsEntry> stat(String path) throws IOException { return store.stat(path); }
            @Override public InputStream read(String path) throws IOException { return store.read(path); }
        }, warnings);
    }

    private static Optional<Catalog> readFile(Reader files, String path) throws IOException {
        Optional<FsEntry> f = files.stat(path);
        if (f.isEmpty() || f.get().directory()) return Optional.empty();
        if (f.get().size() > Catalog.MAX_BYTES) {
            throw new IOException("unreadable catalogue " + path + ": " + f.get().size() + " bytes, more than " + Catalog.MAX_BYTES);
        }
        byte[] bytes;
        try (InputStream in = files.read(path)) {
            bytes = in.readAllBytes();
        }
        try {
            return Optional.of(Catalog.fromJson(bytes));
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(m.startsWith("unreadable catalogue") ? m : "unreadable catalogue " + path + ": " + m, e);
        }
    }

    /** @param config the stick's configuration catalog.cfg is rendered with */
    static Catalog write(DataStore store, Catalog before, Catalog after, dev.polyboot.core.config.StickConfig config) throws IOException {
        return write(store, before, after, config, null, false, w -> { });
    }

    /**
     * As {@link #write(DataStore, Catalog, Catalog, dev.polyboot.core.config.StickConfig)}, for a Secure Boot stick with
     * its {@code signer} (null: none here, the catalogue goes unsigned): the initrds' signatures first (all of them again
     * with {@code resignAll}, else what is new or missing), then catalog.cfg and right after it its signature.
     *
     * @return {@code after} as written: with the data partition's free space of this write ({@link Catalog#dataFree()})
     */
    static Catalog write(DataStore store, Catalog before, Catalog after, dev.polyboot.core.config.StickConfig config,
                      dev.polyboot.core.boot.SecureBootParts.DetachedSigner signer, boolean resignAll, Consumer<String> warnings)
            throws IOException {
        Set<String> keep = new HashSet<>();
        for (CatalogEntry e : after.entries()) keep.add(e.path());
        if (before != null) {
            for (CatalogEntry e : before.entries()) {
                if (!keep.contains(e.path())) deleteMarker(store, e.path());
            }
        }
        store.mkdirs(CatalogMenu.DIR);
        // the menu header's free space: GRUB cannot measure it, so the figure of this write is kept and shown
        after = after.withDataFree(store.freeBytes());
        // the persistence bindings live in their own file, so that every rendering (add, remove, refresh, config set,
        // persistence create) keeps the "with persistence" entries; a broken file gives the plain entries
        CatalogMenu.Files files = after.toGrubFiles(config, BindingsFile.forMenu(store, w -> { }).menu(),
                dev.polyboot.core.boot.MenuScan.scanOrder(scanSource(store), keep));
        if (signer != null) {
            CatalogSignatures.writeInitrdSignatures(store, signer, before, after, resignAll,
                    path -> config != null && config.declined(path), warnings);
        }
        // search.cfg first: catalog.cfg's search entry sources it
        replace(store, CatalogMenu.SEARCH_CFG, files.search());
        replace(store, CatalogMenu.CFG, files.catalog());
        if (signer != null) {
            CatalogSignatures.writeCatalogSignatures(store, signer, files);
        } else {
            CatalogSignatures.removeCatalogSignatures(store);
        }
        replace(store, CatalogMenu.JSON, after.toJson());
        replace(store, dev.polyboot.core.boot.MenuFacts.PATH, new dev.polyboot.core.boot.MenuFacts(after.dataFree()).envBlock());
        for (CatalogEntry e : after.entries()) {
            String marker = CatalogMenu.markerPath(e.path());
            if (store.stat(marker).isPresent()) continue;
            store.mkdirs(FsPaths.parent(marker));
            store.write(marker, InputStream.nullInputStream(), 0);
        }
        return after;
    }

    private static void replace(DataStore store, String path, String text) throws IOException {
        replace(store, path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void replace(DataStore store, String path, byte[] bytes) throws IOException {
        String tmp = path + ".tmp";
        if (store.stat(tmp).isPresent()) store.delete(tmp);
        store.write(tmp, new ByteArrayInputStream(bytes), bytes.length);
        store.replace(tmp, path);
    }

    private static void deleteMarker(DataStore store, String imagePath) throws IOException {
        String marker = CatalogMenu.markerPath(imagePath);
        if (store.stat(marker).isPresent()) store.delete(marker);
        // empty parent directories are left: harmless to the menu and refresh rewrites the tree
    }

    /** Removes the whole marker tree (refresh rebuilds it). */
    static void clearMarkers(DataStore store) throws IOException {
        deleteTree(store, CatalogMenu.DIR + "/catalog");
    }

    private static void deleteTree(DataStore store, String path) throws IOException {
        Optional<FsEntry> e = store.stat(path);
        if (e.isEmpty()) return;
        if (e.get().directory()) {
            for (FsEntry c : store.list(path)) deleteTree(store, c.path());
        }
        store.delete(path);
    }

    /** The entries whose file still exists. */
    static List<CatalogEntry> present(DataStore store, Catalog c) throws IOException {
        List<CatalogEntry> out = new java.util.ArrayList<>();
        for (CatalogEntry e : c.entries()) {
            if (store.stat(e.path()).filter(f -> !f.directory()).isPresent()) out.add(e);
        }
        return out;
    }
}
