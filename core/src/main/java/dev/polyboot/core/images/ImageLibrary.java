package dev.polyboot.core.images;

import dev.polyboot.core.boot.CatalogMenu;
import dev.polyboot.core.boot.DataPartition;
import dev.polyboot.core.boot.CatalogMenuEntry;
import dev.polyboot.core.boot.MenuItem;
import dev.polyboot.core.boot.MenuScan;
import dev.polyboot.core.boot.SecureBootParts;
import dev.polyboot.core.catalog.Catalog;
import dev.polyboot.core.catalog.CatalogEntry;
import dev.polyboot.core.catalog.ImageReport;
import dev.polyboot.core.config.StickConfig;
import dev.polyboot.core.config.VentoyImport;
import dev.polyboot.core.install.StickDisk;
import dev.polyboot.core.progress.ProgressInputStream;
import dev.polyboot.core.progress.ProgressListener;
import dev.polyboot.core.device.MountedDevice;
import dev.polyboot.core.device.RefusedException;
import dev.polyboot.core.device.StickLock;
import dev.polyboot.core.device.StickLocks;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.device.TargetGuard;
import dev.polyboot.core.device.TargetResolver;
import dev.polyboot.formats.EntryExistsException;
import dev.polyboot.formats.VolumeFullException;
import dev.polyboot.formats.exfat.ExfatVolume;
import dev.polyboot.formats.fs.FsEntry;
import dev.polyboot.formats.fs.FsPaths;
import dev.polyboot.formats.io.BlockDevice;
import dev.polyboot.formats.io.ChannelBlockDevice;
import dev.polyboot.formats.io.FileBlockDevice;
import dev.polyboot.formats.part.PartitionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The images on a stick's data partition: add (copy + SHA-256 verify, then rename into place), list in
 * boot-menu order, remove, refresh the catalogue. A copy is written under a hidden temporary name, which the
 * menu ignores, and gets its real name only after the bytes read back from the stick matched the source.
 * {@code add} classifies what it copied and updates the catalogue ({@link CatalogMenu}); {@code refresh}
 * rebuilds it from every image on the partition.
 */
public final class ImageLibrary {
    static final String PARTIAL_PREFIX = PartialCopies.PREFIX;
    private final TargetGuard guard;
    private final Clock clock;
    private final String version;
    private final StickLocks locks;
    private final DeviceOpener opener;
    private final MenuSigning signing;

    public ImageLibrary(TargetGuard guard, Clock clock) {
        this(guard, clock, "0.1.0");
    }

    /** @param version the polyboot version recorded in catalogues this library writes */
    public ImageLibrary(TargetGuard guard, Clock clock, String version) {
        this(guard, clock, version, StickLocks.system());
    }

    /** @param locks where the per-stick locks live (tests use their own directory and wait) */
    public ImageLibrary(TargetGuard guard, Clock clock, String version, StickLocks locks) {
        this(guard, clock, version, locks, DeviceOpener.SYSTEM);
    }

    /** @param opener how the stick's device is opened (crash-state tests record the writes through it) */
    ImageLibrary(TargetGuard guard, Clock clock, String version, StickLocks locks, DeviceOpener opener) {
        this(guard, clock, version, locks, opener, MenuSigning.NONE);
    }

    /** This library, signing the catalogue and the initrds it loads on Secure Boot sticks with {@code signing} (issue 12). */
    public ImageLibrary withSigning(MenuSigning signing) {
        return new ImageLibrary(guard, clock, version, locks, opener, signing);
    }

    private ImageLibrary(TargetGuard guard, Clock clock, String version, StickLocks locks, DeviceOpener opener, MenuSigning signing) {
        this.guard = guard;
        this.clock = clock;
        this.version = version;
        this.locks = locks;
        this.opener = opener;
        this.signing = signing;
    }

    /** The stick's signer if it boots under Secure Boot and its key is on this computer, else null. */
    SecureBootParts.DetachedSigner signer(Target stick, ProgressListener progress) throws IOException {
        return signing.signerFor(stick, progress).orElse(null);
    }

    /** {@link #add(Target, List, String, boolean, ProgressListener)} without --force. */
    public AddResult add(Target stick, List<Path> files, String toDir, ProgressListener progress)
            throws IOException, RefusedException {
        return add(stick, files, toDir, false, progress);
    }

    /**
     * Copies {@code files} into {@code toDir}. Before the first byte is written every file is checked (exFAT name,
     * not on the stick yet, no two alike, space for all, not into polyboot's own tree, a bootable image unless
     * {@code force}); a refusal lists every problem. Each file is catalogued as soon as it is verified, so a later
     * failure leaves the earlier ones listed; the result tells which were added and which not.
     */
    public AddResult add(Target stick, List<Path> files, String toDir, boolean force, ProgressListener progress)
            throws IOException, RefusedException {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("not a regular file: " + f);
        }
        FsPaths.split(toDir);
        List<AddedImage> out = new ArrayList<>();
        List<AddResult.Failed> failed = new ArrayList<>();
        try (StickLock lock = locks.exclusive(stick, "add"); DataStore store = openStore(stick, false)) {
            removePartials(store, progress);
            AddChecks.check(store, files, toDir, force);
            store.mkdirs(toDir);
            StickConfig config = StickConfigFile.forMenu(store, progress::warning);
            SecureBootParts.DetachedSigner signer = signer(stick, progress);
            Catalog before = CatalogStore.read(store, progress::warning).orElse(null);
            Catalog after;
            if (before == null) {
                // no readable catalogue: the images already on the stick get their entries back first (their markers
                // may still hide them from the menu's scan), as refresh would make them
                after = rebuild(store, progress);
                CatalogStore.clearMarkers(store);
            } else {
                after = new Catalog(Catalog.VERSION, version, store.identity(), CatalogStore.present(store, before));
            }
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                AddedImage a;
                try {
                    a = copyOne(store, f, toDir, progress);
                } catch (IOException e) {
                    failed.add(new AddResult.Failed(f, String.valueOf(e.getMessage()), e instanceof CopyVerificationException));
                    for (Path rest : files.subList(i + 1, files.size())) {
                        failed.add(new AddResult.Failed(rest, "not attempted: " + f.getFileName() + " failed before it", false));
                    }
                    break;
                }
                out.add(a);
                if (a.report() != null) {
                    try (BlockDevice src = FileBlockDevice.open(f, true)) {
                        after = after.with(IsoMappings.withMapping(store, CatalogEntry.of(a.path(), a.report()), src)
                                .withSha256(a.sha256()));
                    }
                }
                CatalogStore.write(store, before, after, config, signer, false, progress::warning);
                before = after;
                store.flush();
            }
            if (out.isEmpty()) CatalogStore.write(store, before, after, config, signer, false, progress::warning); // a rebuilt catalogue is kept even so
            store.flush();
        }
        return new AddResult(out, failed);
    }

    /**
     * Classifies every image file on the data partition and rewrites the catalogue; entries whose file is gone
     * are dropped. Returns the new catalogue. An unreadable catalogue is simply replaced.
     */
    public Catalog refresh(Target stick, ProgressListener progress) throws IOException, RefusedException {
        try (StickLock lock = locks.exclusive(stick, "refresh"); DataStore store = openStore(stick, false)) {
            removePartials(store, progress);
            Catalog before = CatalogStore.read(store, progress::warning).orElse(null);
            StickConfig config = StickConfigFile.forMenu(store, progress::warning);
            Catalog after = keepHashes(rebuild(store, progress), before);
            CatalogStore.clearMarkers(store);
            // refresh is the user's approval of what is on the stick now: every initrd is signed again
            Catalog written = CatalogStore.write(store, before, after, config, signer(stick, progress), true, progress::warning);
            store.flush();
            return written;
        }
    }

    /**
     * Signs the catalogue as it is again, everything it loads included (a stick that {@code update} just set up for
     * Secure Boot: its images were added before it had a key). Nothing is classified again; a stick without a
     * catalogue or without the key here is left as it is (with the signer's warning).
     */
    public void approveAll(Target stick, ProgressListener progress) throws IOException, RefusedException {
        try (StickLock lock = locks.exclusive(stick, "approve"); DataStore store = openStore(stick, false)) {
            Optional<Catalog> c = readCatalog(store, progress);
            if (c.isEmpty()) return;
            SecureBootParts.DetachedSigner signer = signer(stick, progress);
            if (signer == null) return;
            StickConfig config = StickConfigFile.forMenu(store, progress::warning);
            CatalogStore.write(store, c.get(), c.get(), config, signer, true, progress::warning);
            store.flush();
        }
    }

    /** The hashes add recorded stay with files of the same path and size (refresh classifies, it does not hash). */
    private static Catalog keepHashes(Catalog rebuilt, Catalog before) {
        if (before == null) return rebuilt;
        java.util.Map<String, CatalogEntry> old = new java.util.HashMap<>();
        for (CatalogEntry e : before.entries()) old.put(e.path(), e);
        List<CatalogEntry> entries = new ArrayList<>();
        for (CatalogEntry e : rebuilt.entries()) {
            CatalogEntry o = old.get(e.path());
            entries.add(o != null && o.sha256() != null && o.size() == e.size() ? e.withSha256(o.sha256()) : e);
        }
        return new Catalog(rebuilt.version(), rebuilt.polyboot(), rebuilt.dataUuid(), rebuilt.dataPartUuid(), rebuilt.dataSize(), entries);
    }

    /** The catalogue refresh makes: every image file on the partition, classified. */
    private Catalog rebuild(DataStore store, ProgressListener progress) throws IOException {
        List<FsEntry> images = ImageScan.images(store);
        List<CatalogEntry> entries = new ArrayList<>();
        long done = 0;
        for (FsEntry e : images) {
            progress.progress("classifying " + e.name(), done++, images.size());
            // one open of the file serves the classifier and the mapping's fingerprint
            try (BlockDevice content = ChannelBlockDevice.of(store.open(e.path()))) {
                entries.add(IsoMappings.withMapping(store, CatalogEntry.of(e.path(), ImageScan.safely(e.name(), content)), content));
            }
        }
        if (!images.isEmpty()) progress.progress("classifying", done, images.size());
        return new Catalog(Catalog.VERSION, version, store.identity(), entries);
    }

    /** Leftovers of interrupted adds: full-size hidden files nothing else would remove. */
    StickLocks locks() {
        return locks;
    }

    static void removePartials(DataStore store, ProgressListener progress) throws IOException {
        for (FsEntry e : PartialCopies.find(store::list)) {
            store.delete(e.path());
            progress.warning("removed " + e.path() + " (" + e.size() + " bytes), the partial copy of an interrupted add");
        }
    }

    /** The catalogue of the stick, if it has one. */
    public Optional<Catalog> catalog(Target stick) throws IOException, RefusedException {
        return catalog(stick, ProgressListener.NONE);
    }

    /** The catalogue; an unreadable one is reported through {@code warnings} and treated as none. */
    public Optional<Catalog> catalog(Target stick, ProgressListener warnings) throws IOException, RefusedException {
        try (StickLock lock = locks.shared(stick, "catalog"); DataStore store = openStore(stick, true)) {
            return readCatalog(store, warnings);
        }
    }

    private AddedImage copyOne(DataStore store, Path file, String toDir, ProgressListener progress) throws IOException {
        String name = file.getFileName().toString();
        String dest = FsPaths.join(toDir, name);
        if (store.exists(dest)) {
            // the checks let it through only when it is this very file: a re-run of an add cut short after the rename
            if (!AddChecks.sameFile(store, dest, file)) throw new EntryExistsException("data partition", dest);
            progress.warning(dest + " is already on the stick with the same bytes: catalogued, not copied again");
            String hash;
            try (InputStream in = Files.newInputStream(file)) {
                hash = hash(in);
            }
            return new AddedImage(dest, Files.size(file), hash, store.viaMount(), report(file, name));
        }
        String partial = FsPaths.join(toDir, partialName(name));
        long size = Files.size(file);
        String sourceHash;
        try (InputStream raw = Files.newInputStream(file)) {
            sourceHash = copyVerified(store, raw, name, partial, dest, size, progress);
        }
        store.rename(partial, dest);
        return new AddedImage(dest, size, sourceHash, store.viaMount(), report(file, name));
    }

    /**
     * Copies {@code size} bytes of {@code raw} to {@code partial} (the hidden name the menu ignores), reads them back
     * past the page cache and compares the SHA-256; returns it. A failed or differing copy is removed.
     */
    private static String copyVerified(DataStore store, InputStream raw, String name, String partial, String dest, long size,
                                       ProgressListener progress) throws IOException {
        if (store.exists(partial)) store.delete(partial); // left over from an interrupted add
        long free = store.freeBytes();
        if (size > free) throw new VolumeFullException("data partition", size, free);
        String sourceHash;
        try (DigestInputStream in = new DigestInputStream(new ProgressInputStream(raw, progress, "copying " + name, size), sha256())) {
            store.write(partial, in, size);
            sourceHash = HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(store, partial);
            throw e;
        }
        String readBack;
        try (InputStream in = new ProgressInputStream(store.readBack(partial), progress, "verifying " + name, size)) {
            readBack = hash(in);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(store, partial);
            throw e;
        }
        if (!readBack.equals(sourceHash)) {
            store.delete(partial);
            throw new CopyVerificationException("verification of " + dest + " failed: read back sha256 " + readBack
                    + ", source " + sourceHash + "; the partial copy was removed");
        }
        return sourceHash;
    }

    /**
     * {@code add} of one file that arrives as a stream of exactly {@code size} bytes (polyboot web's upload), without a
     * copy on this computer. The checks that need no content (folder, exFAT name, not on the stick yet, space, not
     * empty and a boot menu file type unless {@code force}) are made before the first byte is written; the bytes go
     * to the hidden partial name, are read back past the page cache and compared (SHA-256), and only then is the
     * content checked — on the stick's verified copy — so that a file that is no bootable image (unless {@code force})
     * is removed again and refused with add's message. A stream that ends early leaves nothing behind. Catalogued as
     * {@link #add} catalogues (classified, ISO fingerprint and extents from the verified copy).
     */
    public AddedImage addStream(Target stick, String name, long size, InputStream in, String toDir, boolean force,
                                ProgressListener progress) throws IOException, RefusedException {
        if (size < 0) throw new IllegalArgumentException("negative size: " + size);
        FsPaths.split(toDir);
        try (StickLock lock = locks.exclusive(stick, "add"); DataStore store = openStore(stick, false)) {
            removePartials(store, progress);
            AddChecks.checkIncoming(store, name, size, toDir, force);
            store.mkdirs(toDir);
            StickConfig config = StickConfigFile.forMenu(store, progress::warning);
            Catalog before = CatalogStore.read(store, progress::warning).orElse(null);
            Catalog after;
            if (before == null) {
                after = rebuild(store, progress); // as add: the images already there get their entries back first
                CatalogStore.clearMarkers(store);
            } else {
                after = new Catalog(Catalog.VERSION, version, store.identity(), CatalogStore.present(store, before));
            }
            String dest = FsPaths.join(toDir, name);
            String partial = FsPaths.join(toDir, partialName(name));
            String sourceHash = copyVerified(store, in, name, partial, dest, size, progress);
            Optional<String> notBootable;
            ImageReport report;
            try (BlockDevice copy = ChannelBlockDevice.of(store.open(partial))) {
                notBootable = force ? Optional.empty() : AddChecks.notBootable(name, size, copy);
                report = notBootable.isPresent() || dev.polyboot.core.boot.ImageKind.of(name).isEmpty() ? null
                        : ImageScan.safely(name, copy);
            }
            if (notBootable.isPresent()) {
                deleteQuietly(store, partial);
                CatalogStore.write(store, before, after, config, signer(stick, progress), false, progress::warning); // a rebuilt catalogue is kept even so
                store.flush();
                throw new RefusedException("nothing was added, 1 problem: " + name + ": " + notBootable.get()
                        + " (the copy was removed)", "add --force to copy files that are not bootable images");
            }
            store.rename(partial, dest);
            if (report != null) {
                try (BlockDevice copy = ChannelBlockDevice.of(store.open(dest))) {
                    after = after.with(IsoMappings.withMapping(store, CatalogEntry.of(dest, report), copy).withSha256(sourceHash));
                }
            }
            CatalogStore.write(store, before, after, config, signer(stick, progress), false, progress::warning);
            store.flush();
            return new AddedImage(dest, size, sourceHash, store.viaMount(), report);
        }
    }

    /** What the classifier finds in the source (same bytes as the stick's copy, verified; faster to read). */
    private static ImageReport report(Path file, String name) throws IOException {
        if (dev.polyboot.core.boot.ImageKind.of(name).isEmpty()) return null;
        try (BlockDevice src = FileBlockDevice.open(file, true)) {
            return ImageScan.safely(name, src);
        }
    }

    private static void deleteQuietly(DataStore store, String path) {
        try {
            if (store.exists(path)) store.delete(path);
        } catch (IOException | RuntimeException e) {
            // the next writing command removes it (removePartials)
        }
    }

    /**
     * Reads every file of the data partition back from the stick, bypassing the page cache, and compares each file
     * {@code add} copied with the SHA-256 it recorded ({@code verify --full}). A stick that lost or mixed up data
     * (fake capacity, failing flash) shows DIFFERS or UNREADABLE.
     */
    public FilesReport verifyFiles(Target stick, ProgressListener progress) throws IOException, RefusedException {
        guard.checkDataAccess(stick);
        try (StickLock lock = locks.shared(stick, "verify"); BlockDevice back = TargetResolver.openUncached(stick)) {
            ExfatVolume v = openData(back);
            java.util.Map<String, String> recorded = new java.util.HashMap<>();
            try {
                // a store over the uncached volume, only to read the catalogue (not closed: the try closes the device)
                DataStore view = new VolumeStore(back, v, null, path -> readUncached(stick, path));
                readCatalog(view, progress).ifPresent(c -> c.entries().forEach(e -> {
                    if (e.sha256() != null) recorded.put(e.path(), e.sha256());
                }));
            } catch (IOException e) {
                progress.warning("catalogue unreadable, no recorded hashes to compare: " + e.getMessage());
            }
            List<FsEntry> files = new ArrayList<>();
            collectFiles(v, "/", files, 0);
            long total = files.stream().mapToLong(FsEntry::size).sum();
            long start = System.nanoTime();
            long[] done = {0};
            List<FilesReport.FileCheck> out = new ArrayList<>();
            for (FsEntry f : files) {
                String want = recorded.get(f.path());
                String got;
                try (InputStream in = new ProgressInputStream(Channels.newInputStream(v.open(f.path())),
                        (p, d, t) -> progress.progress("reading back the data partition", done[0] + d, total), "reading back", f.size())) {
                    got = hash(in);
                } catch (IOException e) {
                    out.add(new FilesReport.FileCheck(f.path(), f.size(), FilesReport.Status.UNREADABLE, String.valueOf(e.getMessage())));
                    done[0] += f.size();
                    continue;
                }
                done[0] += f.size();
                if (want == null) {
                    out.add(new FilesReport.FileCheck(f.path(), f.size(), FilesReport.Status.NOT_RECORDED, null));
                } else if (want.equalsIgnoreCase(got)) {
                    out.add(new FilesReport.FileCheck(f.path(), f.size(), FilesReport.Status.OK, null));
                } else {
                    out.add(new FilesReport.FileCheck(f.path(), f.size(), FilesReport.Status.DIFFERS,
                            "sha256 " + got + " read back, " + want + " recorded by add"));
                }
            }
            return new FilesReport(out, done[0], System.nanoTime() - start);
        }
    }

    private static final int MAX_DEPTH = 64;

    private static void collectFiles(ExfatVolume v, String dir, List<FsEntry> out, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IOException("directories nested deeper than " + MAX_DEPTH + " under " + dir);
        for (FsEntry e : v.list(dir)) {
            if (e.directory()) collectFiles(v, e.path(), out, depth + 1);
            else out.add(e);
        }
    }

    /** Bootable images in exactly the order the boot menu shows them. */
    public List<MenuItem> list(Target stick) throws IOException, RefusedException {
        return list(stick, ProgressListener.NONE);
    }

    /** As {@link #list(Target)}; an unreadable catalogue is reported through {@code warnings} and treated as none. */
    public List<MenuItem> list(Target stick, ProgressListener warnings) throws IOException, RefusedException {
        // through the OS's mount when the data partition is mounted, as add and remove write: the device under a
        // mount can be behind what the mount shows (the driver's cache), and list must show what add just wrote
        try (StickLock lock = locks.shared(stick, "list"); DataStore store = openStore(stick, true)) {
            Optional<Catalog> c = readCatalog(store, warnings);
            List<CatalogMenuEntry> entries = c.map(Catalog::menuEntries).orElse(null);
            // the configuration matters only to catalog.cfg: without a catalogue the menu is the plain scan
            StickConfig config = c.isPresent() ? StickConfigFile.forMenu(store, warnings::warning) : StickConfig.NONE;
            return MenuScan.items(CatalogStore.scanSource(store), entries, config);
        }
    }

    /** The stick's {@code /polyboot.json}, or empty when it has none; a broken file throws its one-line message. */
    public Optional<StickConfig> config(Target stick) throws IOException, RefusedException {
        try (StickLock lock = locks.shared(stick, "config"); DataStore store = openStore(stick, true)) {
            return StickConfigFile.read(store);
        }
    }

    /**
     * Sets one key of {@code /polyboot.json} ({@link StickConfig#set}) under the stick's lock, writes the file and
     * renders catalog.cfg again so that the menu follows. A broken file is not overwritten: the person fixes it first.
     */
    public StickConfig setConfig(Target stick, String key, String value, ProgressListener progress) throws IOException, RefusedException {
        try (StickLock lock = locks.exclusive(stick, "config"); DataStore store = openStore(stick, false)) {
            StickConfig now = StickConfigFile.read(store).orElse(StickConfig.NONE).set(key, value);
            StickConfigFile.write(store, now);
            Optional<Catalog> c = readCatalog(store, progress);
            if (c.isPresent()) {
                CatalogStore.write(store, c.get(), c.get(), now, signer(stick, progress), false, progress::warning);
            } else {
                progress.warning("no catalogue on this stick yet: the menu follows the configuration after 'polyboot refresh'");
            }
            store.flush();
            return now;
        }
    }

    /** {@code config edit}: the file's bytes as they are on the stick, or empty when it has none. */
    public Optional<byte[]> configBytes(Target stick) throws IOException, RefusedException {
        try (StickLock lock = locks.shared(stick, "config"); DataStore store = openStore(stick, true)) {
            return StickConfigFile.bytes(store);
        }
    }

    /**
     * {@code config edit}: a whole new {@code /polyboot.json}, checked first ({@link ConfigException} naming key and line:
     * nothing is written), then written as given (the person's layout stays) and catalog.cfg rendered again.
     */
    public StickConfig replaceConfig(Target stick, byte[] json, ProgressListener progress) throws IOException, RefusedException {
        StickConfig c = dev.polyboot.core.config.StickConfigReader.read(json);
        try (StickLock lock = locks.exclusive(stick, "config"); DataStore store = openStore(stick, false)) {
            StickConfigFile.writeBytes(store, json);
            Optional<Catalog> cat = readCatalog(store, progress);
            if (cat.isPresent()) {
                CatalogStore.write(store, cat.get(), cat.get(), c, signer(stick, progress), false, progress::warning);
            } else {
                progress.warning("no catalogue on this stick yet: the menu follows the configuration after 'polyboot refresh'");
            }
            store.flush();
            return c;
        }
    }

    /**
     * {@code config import}: ventoy.json's plugins converted onto the stick's configuration ({@link VentoyImport}),
     * written and rendered like {@link #setConfig}; {@code image_list} becomes the listed-only menu.
     * A broken {@code /polyboot.json} is not overwritten.
     */
    public VentoyImport.Result importVentoy(Target stick, byte[] ventoyJson, ProgressListener progress) throws IOException, RefusedException {
        try (StickLock lock = locks.exclusive(stick, "config"); DataStore store = openStore(stick, false)) {
            StickConfig base = StickConfigFile.read(store).orElse(StickConfig.NONE);
            Optional<Catalog> c = readCatalog(store, progress);
            VentoyImport.Result r = VentoyImport.convert(ventoyJson, base);
            StickConfigFile.write(store, r.config());
            if (c.isPresent()) {
                CatalogStore.write(store, c.get(), c.get(), r.config(), signer(stick, progress), false, progress::warning);
            } else {
                progress.warning("no catalogue on this stick yet: the menu follows the configuration after 'polyboot refresh'");
            }
            store.flush();
            return r;
        }
    }

    /** The catalogue as the menu sees it: GRUB reads catalog.cfg, so without it there is none. */
    private static Optional<Catalog> readCatalog(DataStore store, ProgressListener warnings) throws IOException {
        if (store.stat(CatalogMenu.CFG).filter(c -> !c.directory()).isEmpty()) return Optional.empty();
        return CatalogStore.read(store, warnings::warning);
    }

    public void remove(Target stick, String path) throws IOException, RefusedException {
        remove(stick, path, ProgressListener.NONE);
    }

    /**
     * Deletes a file or empty directory and its catalogue entry; warnings as for {@link #list(Target, ProgressListener)}.
     * A catalogued file that is already gone (deleted by hand, or by a remove that was interrupted before the catalogue
     * was written) only loses its entry: the menu lists catalogued files until then ({@code list}'s route "changed").
     */
    public void remove(Target stick, String path, ProgressListener progress) throws IOException, RefusedException {
        if (FsPaths.split(path).isEmpty()) throw new IllegalArgumentException("cannot remove the root directory");
        try (StickLock lock = locks.exclusive(stick, "remove"); DataStore store = openStore(stick, false)) {
            removePartials(store, progress);
            Optional<Catalog> catalogue = CatalogStore.read(store, progress::warning);
            boolean catalogued = catalogue.isPresent() && catalogue.get().entries().stream().anyMatch(e -> e.path().equals(path));
            if (catalogued && store.stat(path).isEmpty()) {
                progress.warning(path + " was already gone from the stick; its menu entry is removed");
            } else {
                store.delete(path); // NoSuchEntryException when it is neither on the stick nor in the catalogue
            }
            if (catalogued) {
                CatalogStore.write(store, catalogue.get(), catalogue.get().without(path), StickConfigFile.forMenu(store, progress::warning),
                        signer(stick, progress), false, progress::warning);
            }
            store.flush();
        }
    }

    /** Through the mount point if the OS has partition 1 mounted, else through our exFAT writer. */
    DataStore openStore(Target stick, boolean readOnly) throws IOException, RefusedException {
        guard.checkDataAccess(stick);
        Optional<MountedDevice> mounted = dataMount(stick);
        if (mounted.isPresent()) return new MountedStore(Path.of(mounted.get().mount().mountPoint()), identity(stick));
        BlockDevice dev = opener.open(stick, readOnly);
        try {
            return new VolumeStore(dev, openData(dev), identity(dev), path -> readUncached(stick, path));
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    /** A file of the stick's data partition read through a second, uncached (O_DIRECT) open of the stick. */
    private InputStream readUncached(Target stick, String path) throws IOException {
        BlockDevice back = TargetResolver.openUncached(stick);
        try {
            return new BlockDeviceInputStream(ChannelBlockDevice.of(openData(back).open(path)), back);
        } catch (IOException | RuntimeException e) {
            back.close();
            throw e;
        }
    }

    private DataPartition identity(Target stick) throws IOException {
        try (BlockDevice dev = opener.open(stick, true)) {
            return identity(dev);
        }
    }

    /**
     * The data partition's identity: its exFAT volume serial (boot sector VolumeSerialNumber), PARTUUID
     * and size from the partition table.
     */
    private static DataPartition identity(BlockDevice dev) throws IOException {
        StickDisk disk = StickDisk.read(dev);
        if (disk.data().isEmpty()) throw new IOException("no polyboot data partition (exFAT-type partition 1) on this disk");
        PartitionInfo p = disk.data().get();
        return new DataPartition(DataUuid.of(ExfatVolume.serialOf(disk.dataSlice())), p.partUuid(), p.sizeBytes());
    }

    /** The OS mount of partition 1 (on an image file: through any loop device over it), if any. */
    private Optional<MountedDevice> dataMount(Target stick) throws IOException, RefusedException {
        if (stick instanceof Target.Device d) {
            return guard.mountsOn(d.node()).stream().filter(m -> m.device().partitionNumber() == 1).findFirst();
        }
        PartitionInfo data;
        try (BlockDevice dev = opener.open(stick, true)) {
            Optional<PartitionInfo> p = StickDisk.read(dev).data();
            if (p.isEmpty()) return Optional.empty(); // openData says what is missing
            data = p.get();
        }
        return guard.dataMountOfImage(stick.path(), data.startByte(), data.sizeBytes());
    }

    private ExfatVolume openData(BlockDevice dev) throws IOException {
        StickDisk disk = StickDisk.read(dev);
        if (disk.data().isEmpty()) {
            throw new IOException("no polyboot data partition (exFAT-type partition 1) on this disk; run 'polyboot install' first");
        }
        return ExfatVolume.open(disk.dataSlice(), clock);
    }

    static String partialName(String name) {
        return PartialCopies.name(name);
    }

    static String hash(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 20];
        int n;
        while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
