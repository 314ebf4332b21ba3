package dev.polyboot.core.images;

import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.catalog.Families;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.StickLock;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.persistence.Bindings;
import dev.polyboot.core.persistence.Ext4Image;
import dev.polyboot.core.persistence.PersistenceBinding;
import dev.polyboot.core.persistence.PersistenceFamily;
import dev.polyboot.core.persistence.PersistenceFingerprint;
import dev.polyboot.core.progress.ProgressInputStream;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Persistence files on the data partition ({@code polyboot persistence create|list|remove}): plan the file (checks,
 * all before a byte is written), make its ext4 in a sparse host file ({@link Ext4Image}), copy it with our exFAT
 * writer (contiguous, every byte written: fully allocated) under a partial name, check its fingerprint read back from
 * the stick, rename it into place, record the binding ({@link BindingsFile}) and render the menu again.
 */
public final class PersistenceFiles {
    /** Names the menu's scan would list as images (it matches these endings) cannot be persistence files. */
    private static final Pattern IMAGE_ENDING = Pattern.compile(".*\\.(iso|img|wim|vhd|vhdx|efi)$", Pattern.CASE_INSENSITIVE);
    public static final long DEFAULT_SIZE = 4L << 30;
    /** Room left on the data partition after the file, for the catalogue and the next add's bookkeeping. */
    private static final long HEADROOM = 16L << 20;

    private final ImageLibrary library;
    private final Clock clock;
    private final RandomGenerator random;
    private final Path tmpDir;

    public PersistenceFiles(ImageLibrary library, Clock clock, RandomGenerator random, Path tmpDir) {
        this.library = library;
        this.clock = clock;
        this.random = random;
        this.tmpDir = tmpDir;
    }

    /** One image's binding as {@code persistence list} shows it. */
    public record Listed(String image, PersistenceBinding binding, boolean fileExists, boolean imageCatalogued, Integer extents) {}

    /** The result of {@code create}: the binding, how many extents the file has on the stick (1: contiguous). */
    public record Created(String image, PersistenceBinding binding, int extents, boolean bootTested) {}

    public Created create(Target stick, String image, long sizeBytes, String name, ProgressListener progress)
            throws IOException, RefusedException {
        String img = absolute(image);
        if (sizeBytes < Ext4Image.MIN_BYTES) {
            throw new RefusedException("persistence size " + sizeBytes + " bytes is too small", "give --size 64M or more (default 4G)");
        }
        long size = sizeBytes / 4096 * 4096;
        try (StickLock lock = library.locks().exclusive(stick, "persistence"); DataStore store = library.openStore(stick, false)) {
            ImageLibrary.removePartials(store, progress);
            Catalog c = CatalogStore.read(store, progress::warning)
                    .orElseThrow(() -> new RefusedException("this stick has no catalogue, so " + img + " has no known family",
                            "run polyboot refresh (or add the image with polyboot add) first"));
            CatalogEntry e = c.entries().stream().filter(x -> x.path().equals(img)).findFirst()
                    .orElseThrow(() -> new RefusedException(img + " is not a catalogued image on this stick",
                            "add it with polyboot add, or run polyboot refresh if you copied it by hand; polyboot list shows the paths"));
            String familyName = e.familyName() != null ? e.familyName() : e.family() == null ? "this image" : familyName(e.family());
            Optional<String> why = PersistenceFamily.whyNot(e.family(), familyName, e.menuEntry().route().matches("loop|dm|by-path"));
            if (why.isPresent()) {
                throw new RefusedException("no persistence for " + img + ": " + why.get(),
                        "persistence works for Debian live (live-boot), Ubuntu (casper), dracut live and Arch (archiso) images");
            }
            PersistenceFamily family = PersistenceFamily.of(e.family()).orElseThrow();
            Bindings bindings = BindingsFile.read(store);
            if (bindings.persistence().containsKey(img)) {
                throw new RefusedException(img + " already has a persistence file, " + bindings.persistence().get(img).file(),
                        "polyboot persistence remove TARGET --for " + img + " first");
            }
            String file = name != null ? absolute(name) : defaultName(img);
            String leaf = file.substring(file.lastIndexOf('/') + 1);
            if (IMAGE_ENDING.matcher(leaf).matches()) {
                throw new RefusedException(file + ": the boot menu would list a file with this ending as an image", "name it NAME.dat");
            }
            FsPaths.split(file);
            List<String> bad = ExfatNames.problems(leaf);
            if (!bad.isEmpty()) throw new RefusedException(file + ": " + String.join(", ", bad), "choose another --name");
            if (file.startsWith("/.polyboot/") || file.equals("/polyboot.json")) {
                throw new RefusedException(file + " is inside polyboot's own files", "choose another name, e.g. /persistence/debian.dat");
            }
            if (store.stat(file).isPresent()) throw new RefusedException(file + " already exists on the stick", "choose another --name");
            long free = store.freeBytes();
            if (size + HEADROOM > free) {
                throw new RefusedException("no room for " + human(size) + " of persistence: " + human(free) + " free on the data partition",
                        "give a smaller --size");
            }
            Path host = Files.createTempFile(tmpDir, "polyboot-persistence", ".ext4");
            try {
                progress.phase("making ext4 (mke2fs)", 0);
                byte[] id = new byte[16];
                random.nextBytes(id);
                UUID uuid = new UUID(random.nextLong(), random.nextLong());
                uuid = new UUID((uuid.getMostSignificantBits() & ~0xF000L) | 0x4000L, (uuid.getLeastSignificantBits() & ~(3L << 62)) | (2L << 62));
                Ext4Image.Made made = Ext4Image.make(host, size, family, uuid, id, clock);
                String dir = FsPaths.parent(file);
                store.mkdirs(dir);
                String partial = dir.equals("/") ? "/" + ImageLibrary.partialName(leaf) : dir + "/" + ImageLibrary.partialName(leaf);
                try (InputStream in = new ProgressInputStream(Files.newInputStream(host), progress, "writing " + leaf, size)) {
                    store.write(partial, in, size);
                }
                String back;
                try (SeekableByteChannel ch = store.open(partial)) {
                    back = PersistenceFingerprint.of(ch);
                }
                if (!back.equals(made.fingerprint())) {
                    store.delete(partial);
                    throw new CopyVerificationException(file + ": fingerprint " + back + " read back, " + made.fingerprint() + " written");
                }
                store.rename(partial, file);
                int extents = store.extents(file).map(x -> IsoMappings.runs(x).size()).orElse(-1);
                PersistenceBinding b = new PersistenceBinding(file, family.familyId(), family.label(), size, made.fingerprint(),
                        made.uuid().toString());
                BindingsFile.write(store, bindings.withPersistence(img, b));
                CatalogStore.write(store, c, c, StickConfigFile.forMenu(store, progress::warning), library.signer(stick, progress), false, progress::warning);
                store.flush();
                return new Created(img, b, extents, family.bootTested());
            } finally {
                Files.deleteIfExists(host);
            }
        }
    }

    public List<Listed> list(Target stick, ProgressListener warnings) throws IOException, RefusedException {
        try (StickLock lock = library.locks().shared(stick, "persistence"); DataStore store = library.openStore(stick, true)) {
            Bindings b = BindingsFile.read(store);
            Optional<Catalog> c = CatalogStore.read(store, warnings::warning);
            List<Listed> out = new ArrayList<>();
            for (var en : b.persistence().entrySet()) {
                Optional<FsEntry> f = store.stat(en.getValue().file());
                boolean exists = f.filter(x -> !x.directory()).isPresent();
                Integer extents = null;
                if (exists) extents = store.extents(en.getValue().file()).map(x -> IsoMappings.runs(x).size()).orElse(null);
                boolean catalogued = c.map(cat -> cat.entries().stream().anyMatch(x -> x.path().equals(en.getKey()))).orElse(false);
                out.add(new Listed(en.getKey(), en.getValue(), exists, catalogued, extents));
            }
            return out;
        }
    }

    /** Removes the binding (the menu loses its persistence entries) and, unless {@code keepFile}, the file. */
    public PersistenceBinding remove(Target stick, String image, boolean keepFile, ProgressListener progress)
            throws IOException, RefusedException {
        String img = absolute(image);
        try (StickLock lock = library.locks().exclusive(stick, "persistence"); DataStore store = library.openStore(stick, false)) {
            Bindings b = BindingsFile.read(store);
            PersistenceBinding was = b.persistence().get(img);
            if (was == null) {
                throw new RefusedException(img + " has no persistence file", "polyboot persistence list TARGET shows the bindings");
            }
            // the binding first: a crash in between leaves a file nobody maps, never an entry mapping a missing file
            BindingsFile.write(store, b.withoutPersistence(img));
            Optional<Catalog> c = CatalogStore.read(store, progress::warning);
            if (c.isPresent()) CatalogStore.write(store, c.get(), c.get(), StickConfigFile.forMenu(store, progress::warning), library.signer(stick, progress), false, progress::warning);
            if (!keepFile && store.stat(was.file()).filter(x -> !x.directory()).isPresent()) store.delete(was.file());
            store.flush();
            return was;
        }
    }

    static String defaultName(String image) {
        String leaf = image.substring(image.lastIndexOf('/') + 1);
        int dot = leaf.lastIndexOf('.');
        String base = dot > 0 ? leaf.substring(0, dot) : leaf;
        return "/persistence/" + base + ".dat";
    }

    private static String absolute(String p) {
        return p.startsWith("/") ? p : "/" + p;
    }

    private static String familyName(String id) {
        try {
            return Families.byId(id).name();
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private static String human(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
