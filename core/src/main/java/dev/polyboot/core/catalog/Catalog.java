package dev.polyboot.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.CatalogMenuEntry;
import dev.polyboot.core.boot.DataPartition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of a data partition ({@code /.polyboot/catalog.json}), entries sorted by path (the menu's
 * order), one per path.
 *
 * @param version   format version; a reader refuses a newer major version rather than guess
 * @param polyboot  version of the polyboot that wrote it
 * @param dataUuid  the data partition's UUID as Linux names it, used by the recipes of catalog.cfg
 * @param dataPartUuid the data partition's PARTUUID (null in catalogues written before it was kept)
 * @param dataSize  the data partition's size in bytes (0: unknown)
 * @param dataFree  the data partition's free bytes when this catalogue was last written (null: unknown, a catalogue from
 *                  before it was kept); the menu's header shows it ({@link dev.polyboot.core.boot.MenuFacts}), since
 *                  GRUB cannot measure exFAT free space
 */
public record Catalog(int version, String polyboot, String dataUuid, String dataPartUuid, long dataSize, List<CatalogEntry> entries,
                      Long dataFree) {
    public static final int VERSION = 1;
    /** A catalogue is a few hundred bytes per image; this stops a damaged file from exhausting memory. */
    public static final int MAX_BYTES = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Catalog {
        Map<String, CatalogEntry> byPath = new LinkedHashMap<>();
        for (CatalogEntry e : entries) byPath.put(e.path(), e);
        List<CatalogEntry> sorted = new ArrayList<>(byPath.values());
        Comparator<CatalogEntry> order = Comparator.comparing(CatalogEntry::menuEntry, CatalogMenu.ORDER);
        sorted.sort(order);
        entries = List.copyOf(sorted);
        if (dataFree != null && dataFree < 0) throw new IllegalArgumentException("negative free space " + dataFree);
    }

    public Catalog(int version, String polyboot, String dataUuid, String dataPartUuid, long dataSize, List<CatalogEntry> entries) {
        this(version, polyboot, dataUuid, dataPartUuid, dataSize, entries, null);
    }

    public Catalog(int version, String polyboot, DataPartition data, List<CatalogEntry> entries) {
        this(version, polyboot, data.fsUuid(), data.partUuid(), data.sizeBytes(), entries);
    }

    public static Catalog empty(String polyboot, DataPartition data) {
        return new Catalog(VERSION, polyboot, data, List.of());
    }

    /** The data partition the entries' mappings belong to. */
    public DataPartition data() {
        return new DataPartition(dataUuid, dataPartUuid, dataSize);
    }

    /** This catalogue with {@code e} added, replacing an entry of the same path. */
    public Catalog with(CatalogEntry e) {
        List<CatalogEntry> all = new ArrayList<>(entries);
        all.removeIf(x -> x.path().equals(e.path()));
        all.add(e);
        return new Catalog(version, polyboot, dataUuid, dataPartUuid, dataSize, all, dataFree);
    }

    /** This catalogue without the entry for {@code path}. */
    public Catalog without(String path) {
        List<CatalogEntry> all = new ArrayList<>(entries);
        all.removeIf(x -> x.path().equals(path));
        return new Catalog(version, polyboot, dataUuid, dataPartUuid, dataSize, all, dataFree);
    }

    /** This catalogue noting the data partition's free space now (as it is written). */
    public Catalog withDataFree(long freeBytes) {
        return new Catalog(version, polyboot, dataUuid, dataPartUuid, dataSize, entries, freeBytes);
    }

    public List<CatalogMenuEntry> menuEntries() {
        return entries.stream().map(CatalogEntry::menuEntry).toList();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("catalogue does not serialise", e);
        }
    }

    public String toGrubCfg() {
        return toGrubCfg(dev.polyboot.core.config.StickConfig.NONE);
    }

    /** catalog.cfg with the stick's configuration (aliases, hidden images, timeout, default). */
    public String toGrubCfg(dev.polyboot.core.config.StickConfig config) {
        return toGrubCfg(config, Map.of());
    }

    /** The same with the images' persistence files ({@code /.polyboot/bindings.json}): two entries for such an image. */
    public String toGrubCfg(dev.polyboot.core.config.StickConfig config, Map<String, dev.polyboot.core.boot.PersistenceBoot> persistence) {
        return CatalogMenu.cfg(menuEntries(), data(), config, persistence);
    }

    /**
     * catalog.cfg and search.cfg, with the catalogued files in the order grub.cfg's scan meets them
     * ({@link dev.polyboot.core.boot.MenuScan#scanOrder}).
     */
    public CatalogMenu.Files toGrubFiles(dev.polyboot.core.config.StickConfig config,
                                         Map<String, dev.polyboot.core.boot.PersistenceBoot> persistence, List<String> scanOrder) {
        return CatalogMenu.files(menuEntries(), data(), config, persistence, scanOrder);
    }

    public static Catalog fromJson(byte[] json) throws IOException {
        if (json.length > MAX_BYTES) throw new IOException("catalogue larger than " + MAX_BYTES + " bytes");
        Catalog c;
        try {
            c = JSON.readValue(new String(json, StandardCharsets.UTF_8), Catalog.class);
        } catch (IOException e) {
            throw new IOException("unreadable catalogue " + CatalogMenu.JSON + ": " + e.getMessage()
                    + "; 'polyboot refresh' rewrites it", e);
        }
        if (c.version() > VERSION) {
            throw new IOException("catalogue format " + c.version() + " is newer than this polyboot (" + VERSION
                    + "); update polyboot or run 'polyboot refresh'");
        }
        return c;
    }
}
