package dev.polyboot.core.images;

import dev.polyboot.core.boot.IsoFingerprint;
import dev.polyboot.core.boot.IsoMapping;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.formats.fs.Extent;
import dev.polyboot.formats.io.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the initramfs helper needs to map a catalogued ISO at boot: the file's runs on the data partition (adjacent
 * extents merged: polyboot's writer makes one run) and its fingerprint.
 */
final class IsoMappings {
    private IsoMappings() {}

    /**
     * @param content the file's bytes (the verified source at {@code add}, the file on the stick at {@code refresh})
     * @return the entry with its mapping; unchanged when it needs none or the store cannot tell where the file lies
     */
    static CatalogEntry withMapping(DataStore store, CatalogEntry e, BlockDevice content) throws IOException {
        if (!e.needsMapping() || content.size() < IsoFingerprint.MIN_LENGTH) return e;
        Optional<List<Extent>> extents = store.extents(e.path());
        if (extents.isEmpty()) return e;
        List<IsoMapping.Run> runs = runs(extents.get());
        long total = runs.stream().mapToLong(IsoMapping.Run::length).sum();
        if (total != content.size()) {
            throw new IOException(e.path() + ": its extents cover " + total + " bytes, the file has " + content.size());
        }
        return e.withMapping(new IsoMapping(runs, IsoFingerprint.of(content)));
    }

    static List<IsoMapping.Run> runs(List<Extent> extents) {
        List<IsoMapping.Run> out = new ArrayList<>();
        long start = -1;
        long length = 0;
        for (Extent x : extents) {
            if (x.length() == 0) continue;
            if (start >= 0 && start + length == x.deviceOffset()) {
                length += x.length();
                continue;
            }
            if (start >= 0) out.add(new IsoMapping.Run(start, length));
            start = x.deviceOffset();
            length = x.length();
        }
        if (start >= 0) out.add(new IsoMapping.Run(start, length));
        return out;
    }
}
