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

/**
 * Reads and writes the catalogue files of a data partition: {@code catalog.json} (the record), {@code
 * catalog.cfg} (the menu's part) and the marker tree. Order matters for a crash at any point: a marker
 * without its catalog.cfg entry would hide a file from the menu, so markers are removed before and created
 * after the catalogue files are replaced; the worst an interruption leaves is a file listed twice.
 */
final class CatalogStore {
    private CatalogStore() {}

    static Optional<Catalog> read(DataStore store) throws IOException {
        Optional<FsEntry> f = store.stat(CatalogMenu.JSON);
        if (f.isEmpty() || f.get().directory()) return Optional.empty();
        if (f.get().size() > Catalog.MAX_BYTES) throw new IOException(CatalogMenu.JSON + " is larger than " + Catalog.MAX_BYTES + " bytes");
        try (InputStream in = store.read(CatalogMenu.JSON)) {
            return Optional.of(Catalog.fromJson(in.readAllBytes()));
        }
    }

    static void write(DataStore store, Catalog before, Catalog after) throws IOException {
        Set<String> keep = new HashSet<>();
        for (CatalogEntry e : after.entries()) keep.add(e.path());
        if (before != null) {
            for (CatalogEntry e : before.entries()) {
                if (!keep.contains(e.path())) deleteMarker(store, e.path());
            }
        }
        store.mkdirs(CatalogMenu.DIR);
        replace(store, CatalogMenu.CFG, after.toGrubCfg());
        replace(store, CatalogMenu.JSON, after.toJson());
        for (CatalogEntry e : after.entries()) {
            String marker = CatalogMenu.markerPath(e.path());
            if (store.stat(marker).isPresent()) continue;
            store.mkdirs(FsPaths.parent(marker));
            store.write(marker, InputStream.nullInputStream(), 0);
        }
    }

    private static void replace(DataStore store, String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
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
